from datetime import timedelta

from django.utils import timezone

from charterdesk.commitments.models import Commitment
from tests.commitments.factories import promise
from tests.tickets.factories import open_ticket


def test_the_customer_sees_promises_on_the_portal_ticket_page(personas, login):
    ticket = open_ticket()
    promise(ticket, personas.tier1, "Fix ships in 4.2")
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/")
    assert "Our promises" in page.content.decode()
    assert "Fix ships in 4.2" in page.content.decode()


def test_an_agent_records_a_promise_from_the_ticket_page(personas, login):
    ticket = open_ticket()
    client = login(personas.tier1)
    due = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/desk/tickets/{ticket.pk}/commitments",
        {"text": "Call back", "due_at": due, "owner": personas.tier1.pk},
        follow=True,
    )
    assert "Promise recorded" in response.content.decode()
    assert "Call back" in client.get(f"/desk/tickets/{ticket.pk}/").content.decode()


def test_a_bad_promise_form_shows_an_error_not_a_crash(personas, login):
    ticket = open_ticket()
    response = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/commitments",
        {"text": "Call back", "due_at": "2001-01-01T10:00", "owner": personas.tier1.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "The due time must be in the future" in response.content.decode()
    assert not Commitment.objects.exists()


def test_the_dashboard_lists_overdue_promises_and_counts_per_owner(
    personas, login, django_assert_max_num_queries
):
    now = timezone.now()
    for i in range(3):
        promise(
            open_ticket(),
            personas.tier2,
            f"Late {i}",
            timedelta(minutes=1),
            at=now - timedelta(hours=2),
        )
    promise(open_ticket(), personas.tier1, "Not yet", timedelta(hours=5))
    client = login(personas.manager)
    with django_assert_max_num_queries(12):
        page = client.get("/desk/commitments?list=overdue").content.decode()
    assert "Late 0" in page and "Late 2" in page and "Not yet" not in page
    assert "Priya Natarajan" in page
    soon = client.get("/desk/commitments?list=due_soon").content.decode()
    assert "Not yet" in soon and "Late 0" not in soon


def test_the_dashboard_is_for_agents_only(personas, login):
    assert login(personas.alice).get("/desk/commitments").status_code == 403

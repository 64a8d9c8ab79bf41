from datetime import timedelta

from django.utils import timezone

from tests.commitments.factories import promise
from tests.tickets.factories import open_ticket


def _due(hours=4):
    return (timezone.now() + timedelta(hours=hours)).isoformat()


def test_an_agent_records_a_promise_and_the_customer_reads_it(personas, api):
    ticket = open_ticket()
    created = api.as_(personas.tier1).post(
        f"/api/v1/tickets/{ticket.pk}/commitments",
        {"text": "Call back Friday", "due_at": _due(), "owner_email": "tier2@charterdesk.example"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["owner"]["email"] == "tier2@charterdesk.example"
    listed = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}/commitments").json()
    assert [(c["text"], c["state"], c["overdue"]) for c in listed] == [
        ("Call back Friday", "open", False)
    ]


def test_customers_cannot_create_or_change_promises(personas, api):
    ticket = open_ticket()
    commitment = promise(ticket, personas.tier1)
    client = api.as_(personas.alice)
    url = f"/api/v1/tickets/{ticket.pk}/commitments"
    created = client.post(url, {"text": "x", "due_at": _due()}, content_type="application/json")
    patched = client.patch(
        f"{url}/{commitment.pk}", {"state": "kept"}, content_type="application/json"
    )
    assert (created.status_code, patched.status_code) == (403, 403)


def test_other_organizations_promises_are_not_found(personas, api):
    ticket = open_ticket()
    promise(ticket, personas.tier1)
    response = api.as_(personas.bob).get(f"/api/v1/tickets/{ticket.pk}/commitments")
    assert response.status_code == 404


def test_bad_input_is_a_field_error(personas, api):
    ticket = open_ticket()
    response = api.as_(personas.tier1).post(
        f"/api/v1/tickets/{ticket.pk}/commitments",
        {"text": "Call back", "due_at": _due(-2), "owner_email": "alice@acme.example"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == {"due_at", "owner_email"}


def test_an_agent_marks_a_promise_kept_or_moves_it(personas, api):
    ticket = open_ticket()
    first, second = promise(ticket, personas.tier1, "A"), promise(ticket, personas.tier1, "B")
    client = api.as_(personas.tier2)
    url = f"/api/v1/tickets/{ticket.pk}/commitments"
    kept = client.patch(
        f"{url}/{first.pk}", {"state": "kept", "note": "done"}, content_type="application/json"
    )
    moved = client.patch(
        f"{url}/{second.pk}", {"due_at": _due(48)}, content_type="application/json"
    )
    again = client.patch(f"{url}/{first.pk}", {"state": "broken"}, content_type="application/json")
    assert kept.json()["state"] == "kept" and kept.json()["kept_at"]
    assert moved.json()["due_at"] > second.due_at.isoformat()
    assert again.status_code == 422


def test_agents_list_overdue_promises_across_tickets(personas, api):
    now = timezone.now()
    late = promise(
        open_ticket(), personas.tier1, "Late", timedelta(minutes=1), at=now - timedelta(hours=1)
    )
    promise(open_ticket(), personas.tier1, "On time")
    page = api.as_(personas.manager).get("/api/v1/commitments?overdue=true").json()
    assert [c["id"] for c in page["items"]] == [late.pk]
    assert api.as_(personas.alice).get("/api/v1/commitments").status_code == 403

"""What the dashboard's panels show a manager, and that each costs a fixed number of
queries whatever the number of tickets."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from charterdesk.incidents.choices import IncidentStatus, Qualification
from charterdesk.incidents.models import Incident
from charterdesk.routing.models import AgentProfile
from charterdesk.satisfaction.models import Survey
from charterdesk.sla.models import Calendar, ClockState, SlaClock
from charterdesk.tickets.models import Status, Ticket
from tests.tickets.factories import open_ticket

pytestmark = pytest.mark.django_db


def panel(client, name: str, days: int = 30) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("workspace:dashboard_panel", args=[name]), {"days": days})
    assert response.status_code == 200
    return response.content.decode()


def test_backlog_shows_open_and_unassigned_per_queue(personas: SimpleNamespace, login) -> None:  # type: ignore[no-untyped-def]
    before = Ticket.objects.filter(in_queue=True, assignee__isnull=True).count()
    first = open_ticket(subject="Export fails")
    open_ticket(subject="Login loops")
    Ticket.objects.filter(pk=first.pk).update(assignee=personas.tier1)
    solved = open_ticket(subject="Done already")
    Ticket.objects.filter(pk=solved.pk).update(status=Status.SOLVED)
    text = panel(login(personas.manager), "backlog")
    open_now = Ticket.objects.filter(in_queue=True).count()
    assert f'<span class="big">{open_now}</span> open' in text
    assert f'<span class="big">{before + 1}</span> unassigned' in text
    assert first.queue.name in text
    assert "Tier 1" in text


def test_deadlines_within_the_hour_are_listed_soonest_first(personas, login) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    SlaClock.objects.filter(state=ClockState.ACTIVE).update(due_at=now + timedelta(days=3))
    soon, later, far = (open_ticket(subject=s) for s in ("Soon", "Later", "Tomorrow"))
    for ticket, minutes in ((soon, 10), (later, 40), (far, 24 * 60)):
        SlaClock.objects.filter(ticket=ticket, state=ClockState.ACTIVE).update(
            due_at=now + timedelta(minutes=minutes)
        )
    text = panel(login(personas.manager), "breaching")
    assert f"#{soon.pk} Soon" in text
    assert text.index(f"#{soon.pk} Soon") < text.index(f"#{later.pk} Later")
    assert "Tomorrow" not in text
    assert reverse("desk:ticket", args=[soon.pk]) in text


def test_incidents_in_progress_leave_out_dismissed_and_resolved(personas, login) -> None:  # type: ignore[no-untyped-def]
    Incident.objects.create(title="Checkout is slow", qualification=Qualification.CONFIRMED)
    Incident.objects.create(title="False alarm", qualification=Qualification.DISMISSED)
    Incident.objects.create(title="Fixed yesterday", status=IncidentStatus.RESOLVED)
    text = panel(login(personas.manager), "incidents")
    assert "Checkout is slow" in text
    assert "False alarm" not in text
    assert "Fixed yesterday" not in text


def test_satisfaction_today_counts_todays_answers(personas, login) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    for subject, rating, answered in (("A", 5, now), ("B", 2, now), ("C", 5, now - timedelta(2))):
        ticket = open_ticket(subject=subject)
        Survey.objects.create(
            ticket=ticket,
            contact=ticket.requester,
            rating=rating,
            answered_at=answered,
            open_until=now + timedelta(days=7),
        )
    text = panel(login(personas.manager), "satisfaction")
    assert "50%" in text
    assert "1 of 2 answers happy or very happy" in text


def test_agents_on_shift_show_their_load(personas, login) -> None:  # type: ignore[no-untyped-def]
    AgentProfile.objects.update_or_create(user=personas.tier2, defaults={"calendar": None})
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    other_day = days[(timezone.now().weekday() + 2) % 7]
    closed = Calendar.objects.create(name="Closed today", hours={other_day: [["09:00", "10:00"]]})
    AgentProfile.objects.update_or_create(user=personas.tier3, defaults={"calendar": closed})
    Ticket.objects.filter(assignee=personas.tier2).update(assignee=None)
    urgent = open_ticket(priority="urgent")
    Ticket.objects.filter(pk=urgent.pk).update(assignee=personas.tier2)
    text = panel(login(personas.manager), "shift")
    row = text[text.index(str(personas.tier2)) :]
    assert '<td class="num">4</td>' in row.split("</tr>")[0]  # an urgent ticket weighs 4
    assert str(personas.tier3) not in text
    assert "off shift" in text


def test_backlog_age_buckets_open_tickets_by_creation(personas, login) -> None:  # type: ignore[no-untyped-def]
    Ticket.objects.filter(in_queue=True).update(status=Status.CLOSED)
    old = open_ticket(subject="Old")
    Ticket.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    open_ticket(subject="New")
    text = panel(login(personas.manager), "age")
    assert '<tr><td>under 1 day</td><td class="num">1</td></tr>' in text
    assert '<tr><td>over 4 weeks</td><td class="num">1</td></tr>' in text


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("backlog", 1),
        ("breaching", 1),
        ("shift", 3),
        ("incidents", 1),
        ("satisfaction", 1),
        ("age", 1),
        ("trends", 6),
    ],
)
def test_each_panel_costs_the_same_queries_with_more_tickets(  # type: ignore[no-untyped-def]
    personas, login, django_assert_num_queries, name: str, queries: int
) -> None:
    AgentProfile.objects.update_or_create(user=personas.tier1, defaults={"calendar": None})
    client = login(personas.manager)
    panel(client, name)  # sessions and caches warm
    overhead = 2  # the session, the signed-in user with their contact (one since basepage)
    with django_assert_num_queries(queries + overhead):
        panel(client, name)
    for n in range(6):
        ticket = open_ticket(subject=f"More {n}")
        Ticket.objects.filter(pk=ticket.pk).update(
            assignee=personas.tier1 if n % 2 else None,
            first_replied_at=timezone.now(),
            solved_at=timezone.now() if n % 3 == 0 else None,
        )
    with django_assert_num_queries(queries + overhead):
        panel(client, name)


def test_whole_page_costs_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    personas, login, django_assert_num_queries
) -> None:
    AgentProfile.objects.update_or_create(user=personas.tier1, defaults={"calendar": None})
    client = login(personas.manager)
    client.get(reverse("workspace:dashboard"))
    # 16: one fewer since the signed-in user is read with their contact (basepage).
    with django_assert_num_queries(16):
        client.get(reverse("workspace:dashboard"))
    for _ in range(4):
        open_ticket()
    with django_assert_num_queries(16):
        client.get(reverse("workspace:dashboard"))

from datetime import timedelta

from django.utils import timezone

from charterdesk.commitments.models import Commitment, CommitmentState
from charterdesk.customers.models import Organization
from charterdesk.satisfaction.models import Survey
from charterdesk.sla.models import SlaClock, SlaEvent, SlaEventKind
from charterdesk.success.health import accounts_by_health, health_of
from tests.tickets.factories import open_ticket


def _breach(ticket, at):  # type: ignore[no-untyped-def]
    clock = SlaClock.objects.filter(ticket=ticket).first()
    SlaEvent.objects.create(clock=clock, ticket=ticket, kind=SlaEventKind.BREACHED, at=at)


def test_a_quiet_account_is_healthy(personas):
    health = health_of(Organization.objects.get(name="Initech"), timezone.now())
    assert (health.score, health.band) == (100, "good")
    assert all(reason.contribution == 0 for reason in health.reasons)


def test_open_tickets_breaches_and_unhappy_customers_lower_the_score(personas):
    now = timezone.now()
    tickets = [open_ticket() for _ in range(3)]
    _breach(tickets[0], now - timedelta(days=2))
    _breach(tickets[1], now - timedelta(days=100))  # too old to count
    for ticket, rating, days in ((tickets[0], 5, 60), (tickets[1], 1, 3), (tickets[2], 2, 5)):
        Survey.objects.create(ticket=ticket, contact=ticket.requester, rating=rating,
                              answered_at=now - timedelta(days=days), open_until=now)  # fmt: skip
    Commitment.objects.create(
        ticket=tickets[0], text="Call back", owner=personas.tier1, due_at=now,
        state=CommitmentState.BROKEN, settled_at=now - timedelta(days=1),
    )  # fmt: skip
    health = health_of(Organization.objects.get(name="Acme Corp"), now)
    reasons = {reason.code: reason for reason in health.reasons}
    assert reasons["open_tickets"].value == "3"
    assert reasons["open_tickets"].contribution == -6
    assert (reasons["sla_breaches"].value, reasons["sla_breaches"].contribution) == ("1", -5)
    # Recent average 1.5 against 5.0 before: capped at -15.
    assert reasons["satisfaction_trend"].contribution == -15
    assert reasons["promises_broken"].contribution == -5
    assert health.score == 100 - 6 - 5 - 15 - 5
    assert health.reasons[0].code == "satisfaction_trend"  # worst first


def test_the_account_list_puts_the_worst_first_in_a_fixed_number_of_queries(
    personas, django_assert_num_queries
):
    open_ticket(email="bob@globex.example")
    with django_assert_num_queries(2):  # the page, then its organizations
        rows = accounts_by_health(timezone.now())[0:10]
    assert rows[0].organization.name == "Globex"
    assert [r.score for r in rows] == [98, 100, 100]


def test_health_over_the_api(personas, api):
    open_ticket()
    acme = Organization.objects.get(name="Acme Corp")
    body = api.as_(personas.tier1).get(f"/api/v1/organizations/{acme.pk}/health").json()
    assert body["score"] == 98
    assert body["band"] == "good"
    assert {"code": "open_tickets", "label": "Open tickets", "value": "1", "contribution": -2} in (
        body["reasons"]
    )
    assert body["computed_at"]

"""Intake reads plans, contracts, calendars, routing rules and open incidents from a
per-process cache (core.config_cache). Another process's change reaches the next creation:
here the change is written around this process (a queryset update or raw SQL fires no
signal, so only the database trigger knows of it) while its cache is warm."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charterdesk.core import config_cache
from charterdesk.core.models import ConfigGeneration
from charterdesk.incidents.models import IncidentTicket
from charterdesk.plans.models import Contract, PlanCoverage, ResponseTarget
from charterdesk.plans.selectors import contract_active_for
from charterdesk.routing.models import Queue, RoutingRule
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.models import Ticket
from tests.incidents.factories import acme_outage
from tests.tickets.factories import open_ticket

BODY = {
    "subject": "Export fails",
    "body": "I get an error when exporting.",
    "requester_email": "alice@acme.example",
    "type": "error",
    "priority": "normal",
}


def _create(client) -> Ticket:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/tickets", BODY, content_type="application/json")
    assert response.status_code == 201, response.content
    return Ticket.objects.get(pk=response.json()["id"])


def _first_reply_minutes(ticket: Ticket) -> int:
    return SlaClock.objects.get(ticket=ticket, metric="first_reply").target_minutes


def _acme_contract(personas) -> Contract:  # type: ignore[no-untyped-def]
    contract = contract_active_for(personas.alice.contact.organization, timezone.localdate())
    assert contract is not None
    return contract


def _gold_first_reply(personas) -> ResponseTarget:  # type: ignore[no-untyped-def]
    contract = _acme_contract(personas)
    return ResponseTarget.objects.get(
        plan_id=contract.plan_id, request_type="error", priority="normal", metric="first_reply"
    )


def test_a_response_target_changed_by_another_process_is_used_by_the_next_ticket(personas, api):
    client = api.as_(personas.tier1)
    target = _gold_first_reply(personas)
    assert _first_reply_minutes(_create(client)) == target.minutes  # the cache is warm now
    ResponseTarget.objects.filter(pk=target.pk).update(minutes=target.minutes + 17)
    assert _first_reply_minutes(_create(client)) == target.minutes + 17


def test_a_change_by_raw_sql_is_seen_too(personas, api):
    client = api.as_(personas.tier1)
    target = _gold_first_reply(personas)
    _create(client)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE plans_responsetarget SET minutes = 33 WHERE id = %s", [target.pk])
    assert _first_reply_minutes(_create(client)) == 33


def test_another_process_with_a_cold_cache_reads_the_same_terms(personas, api):
    """Simulate the other process: drop this one's entries, keep the generation."""
    client = api.as_(personas.tier1)
    target = _gold_first_reply(personas)
    _create(client)
    ResponseTarget.objects.filter(pk=target.pk).update(minutes=41)
    config_cache.clear()
    assert _first_reply_minutes(_create(client)) == 41
    assert _first_reply_minutes(_create(client)) == 41  # and again, from its cache


def test_coverage_and_routing_follow_changes_made_elsewhere(personas, api):
    client = api.as_(personas.tier1)
    first = _create(client)
    contract = _acme_contract(personas)
    PlanCoverage.objects.filter(plan_id=contract.plan_id, request_type="error").update(
        decision="not_covered"
    )
    other = Queue.objects.exclude(pk=first.queue_id).order_by("id").first()
    RoutingRule.objects.create(name="All to other", position=0, queue=other)
    second = _create(client)
    assert (first.coverage, second.coverage) == ("included", "not_covered")
    assert second.queue_id == other.pk
    assert not SlaClock.objects.filter(ticket=second).exists()  # nothing promised


def test_an_incident_opened_after_the_cache_was_warm_links_the_next_ticket(personas):
    open_ticket(subject="Cloud question")  # warms the open-incidents entry: none yet
    incident = acme_outage(personas)
    ticket = open_ticket(subject="Cloud does not load")
    assert IncidentTicket.objects.filter(incident=incident, ticket=ticket).exists()


def test_every_write_to_a_watched_table_changes_the_generation(personas):
    before = ConfigGeneration.objects.get(pk=1).value
    Queue.objects.filter(pk=Queue.objects.first().pk).update(position=99)
    between = ConfigGeneration.objects.get(pk=1).value
    with connection.cursor() as cursor:
        cursor.execute("UPDATE plans_plan SET position = position + 1")
    after = ConfigGeneration.objects.get(pk=1).value
    assert len({before, between, after}) == 3


def test_a_warm_creation_reads_no_configuration(personas, api):
    """The generation comes with the token lookup; nothing else of the configuration."""
    client = api.as_(personas.tier1)
    _create(client)
    with CaptureQueriesContext(connection) as captured:
        _create(client)
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    token = [sql for sql in reads if "accounts_apitoken" in sql]
    assert len(token) == 1 and "core_configgeneration" in token[0]
    others = " ".join(sql for sql in reads if sql not in token)
    for table in ("plans_", "routing_", "sla_calendar", "incidents_", "core_configgeneration"):
        assert table not in others, table

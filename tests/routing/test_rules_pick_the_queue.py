import pytest

from charterdesk.customers.models import Organization
from charterdesk.plans.models import Plan
from charterdesk.routing.models import RoutingRule
from charterdesk.routing.rules import Facts, route
from charterdesk.tickets.models import EventKind
from tests.routing.factories import queue, team
from tests.tickets.factories import open_ticket

FACTS = Facts(request_type="error", channel="portal", product="Billing", language="de", region="EU")


def _rule(name, to, position=0, **conditions):
    return RoutingRule.objects.create(name=name, queue=to, position=position, **conditions)


@pytest.mark.parametrize(
    ("condition", "wanted", "other"),
    [
        ("request_types", ["error"], ["how_to"]),
        ("products", ["billing"], ["Reports"]),
        ("languages", ["DE"], ["fr"]),
        ("regions", ["EU"], ["US"]),
        ("channels", ["portal"], ["email"]),
    ],
)
def test_a_rule_picks_the_queue_by_each_condition(personas, condition, wanted, other):
    crew = team()
    hit, miss = queue(crew), queue(crew)
    _rule("Not this one", miss, 0, **{condition: other})
    _rule("This one", hit, 1, **{condition: wanted})
    decision = route(FACTS)
    assert (decision.queue, decision.rule.name) == (hit, "This one")


def test_every_condition_of_a_rule_must_hold(personas):
    crew = team()
    german_api, other = queue(crew), queue(crew)
    _rule("German API", german_api, 0, languages=["de"], products=["API"])
    _rule("Rest", other, 1)
    assert route(FACTS).queue == other
    assert route(
        Facts(request_type="error", channel="api", product="api", language="de")
    ).queue == (german_api)


def test_rules_pick_the_queue_by_organization_and_plan_at_intake(personas):
    crew = team()
    globex_queue, gold_queue = queue(crew), queue(crew)
    globex = Organization.objects.get(name="Globex")
    _rule("Globex desk", globex_queue, 0, organizations=[globex.pk])
    _rule("Gold customers", gold_queue, 1, plans=[Plan.objects.get(name="Gold").pk])
    assert open_ticket("bob@globex.example").queue == globex_queue
    assert open_ticket("alice@acme.example").queue == gold_queue
    assert open_ticket("carol@initech.example").queue.name == "Frontline"  # no rule: by type


def test_the_organizations_language_and_region_route_its_tickets(personas):
    Organization.objects.filter(name="Acme Corp").update(language="DE", region="EU")
    german = queue(team(), name="German")
    _rule("German speakers in Europe", german, 0, languages=["de"], regions=["EU"])
    assert open_ticket("alice@acme.example").queue == german
    assert open_ticket("bob@globex.example").queue != german


def test_the_first_matching_rule_by_order_wins(personas):
    crew = team()
    first, second = queue(crew), queue(crew)
    _rule("Created first, tried second", second, position=5, request_types=["error"])
    _rule("Created second, tried first", first, position=1)
    decision = route(FACTS)
    assert decision.rule.name == "Created second, tried first"
    assert decision.queue == first


def test_a_disabled_rule_is_skipped(personas):
    crew = team()
    off, on = queue(crew), queue(crew)
    RoutingRule.objects.create(name="Off", queue=off, position=0, enabled=False)
    _rule("On", on, 1)
    assert route(FACTS).queue == on


def test_without_a_matching_rule_the_queue_taking_the_request_type_gets_it(personas):
    _rule("Only email", queue(team()), 0, channels=["email"])
    decision = route(Facts(request_type="downtime", channel="portal"))
    assert decision.rule is None
    assert decision.queue.name == "Incidents"
    assert decision.note == "no rule matched → queue 'Incidents' (takes Downtime requests)"


def test_the_routing_decision_is_in_the_tickets_history_with_its_rule(personas):
    target = queue(team(), name="Gold lane")
    _rule("Gold customers", target, 0, plans=[Plan.objects.get(name="Gold").pk])
    ticket = open_ticket("alice@acme.example")
    routed = ticket.events.get(kind=EventKind.ROUTED)
    assert routed.new_value == "Gold lane"
    assert "rule 'Gold customers'" in routed.note
    assert routed.internal


def test_a_request_opened_with_a_product_and_language_is_routed_by_them(personas, api):
    crew = team()
    german_billing = queue(crew, name="German billing")
    _rule("German billing", german_billing, 0, products=["billing"], languages=["de"])
    client = api.as_(personas.alice)
    ticket = client.post(
        "/api/v1/tickets",
        {
            "subject": "Rechnung",
            "body": "Die Rechnung fehlt.",
            "product": "Billing",
            "language": "de",
        },
        content_type="application/json",
    ).json()
    plain = client.post(
        "/api/v1/tickets",
        {"subject": "Invoice", "body": "The invoice is missing.", "product": "Billing"},
        content_type="application/json",
    ).json()
    assert (ticket["queue"]["name"], ticket["product"], ticket["language"]) == (
        "German billing",
        "Billing",
        "de",
    )
    assert plain["queue"]["name"] != "German billing"


def test_a_malformed_language_is_a_field_error(personas, api):
    response = api.as_(personas.alice).post(
        "/api/v1/tickets",
        {"subject": "Hi", "body": "Hello", "language": "not a language"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "language" in str(response.json())

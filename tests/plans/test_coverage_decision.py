from datetime import date

import pytest
from django.utils import timezone

from charterdesk.core.vocabulary import Alternative, Decision
from charterdesk.customers.models import Contact, Organization
from charterdesk.plans.coverage import decide_coverage
from charterdesk.plans.models import Contract

TODAY = timezone.localdate()


def decide(email: str, request_type: str, on: date = TODAY):  # type: ignore[no-untyped-def]
    contact = Contact.objects.select_related("organization").get(email=email)
    return decide_coverage(contact.organization, contact, request_type, on)


@pytest.mark.parametrize(
    ("email", "request_type", "decision"),
    [
        ("alice@acme.example", "downtime", Decision.INCLUDED),
        ("alice@acme.example", "how_to", Decision.INCLUDED),
        ("bob@globex.example", "how_to", Decision.INCLUDED),
        ("carol@initech.example", "how_to", Decision.METERED),
        ("carol@initech.example", "downtime", Decision.INCLUDED),
        ("alice@acme.example", "consulting", Decision.BILLABLE),
        ("bob@globex.example", "consulting", Decision.BILLABLE),
        ("carol@initech.example", "consulting", Decision.BILLABLE),
    ],
)
def test_demo_plans_cover_request_types_as_documented(personas, email, request_type, decision):
    assert decide(email, request_type).decision == decision


def test_downtime_is_round_the_clock_on_gold_and_business_hours_on_bronze(personas):
    assert "24×7" in decide("alice@acme.example", "downtime").reason
    assert "business hours" in decide("carol@initech.example", "downtime").reason


def test_gold_consulting_mentions_included_professional_services_hours(personas):
    decision = decide("alice@acme.example", "consulting")
    assert "16 hours of professional services" in decision.reason
    assert decision.alternative == Alternative.KNOWLEDGE_BASE


def test_contact_not_authorized_under_a_limiting_plan_is_not_covered(personas):
    decision = decide("milton@initech.example", "error")
    assert decision.decision == Decision.NOT_COVERED
    assert "not an authorized contact" in decision.reason
    assert decision.alternative == Alternative.AUTHORIZED_CONTACT
    assert decision.contract is not None


def test_plans_without_a_contact_cap_accept_every_contact(personas):
    acme = Organization.objects.get(name="Acme Corp")
    newcomer = Contact.objects.create(organization=acme, email="new@acme.example")
    assert decide_coverage(acme, newcomer, "error", TODAY).decision == Decision.INCLUDED


def test_organization_without_an_active_contract_gets_a_clear_decision(personas):
    org = Organization.objects.create(name="Hooli")
    contact = Contact.objects.create(organization=org, email="gavin@hooli.example")
    decision = decide_coverage(org, contact, "error", TODAY)
    assert decision.decision == Decision.NOT_COVERED
    assert (
        decision.reason == "Hooli has no active support contract, so this request is not covered."
    )
    assert decision.alternative == Alternative.OFFER


def test_expired_contract_no_longer_covers(personas):
    contract = Contract.objects.get(organization__name="Globex")
    after_end = date(contract.ends_on.year + 1, 1, 1)
    assert decide("bob@globex.example", "error", after_end).decision == Decision.NOT_COVERED

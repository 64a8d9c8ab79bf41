"""A published plan changes through a version published for a day: before that day
coverage decisions, clock targets and the plan's terms are the version in effect; from
it, the new version's, and each ticket records the version that decided its coverage."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from charterdesk.customers.models import Contact
from charterdesk.plans.coverage import decide_coverage
from charterdesk.plans.models import ClockPolicy, Plan, PlanStatus, PlanVersion
from charterdesk.plans.sweep import apply_due_versions
from charterdesk.plans.versions import plan_version_create, plan_version_publish
from charterdesk.sla.models import SlaClock
from tests.plans.versions import draft_version
from tests.tickets.factories import open_ticket

# Monday 30 Nov 2026, 10:00 in London (the demo calendar's zone, UTC in winter).
MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
TUESDAY = date(2026, 12, 1)


def _silver_how_to_metered() -> PlanVersion:
    """Silver 2: how-to questions draw on the hours bank, outages answered in 15 min."""
    version = draft_version(
        "Silver",
        decisions={"how_to": "metered"},
        targets={("downtime", "urgent", "first_reply"): 15},
        hours_included=30,
    )
    return plan_version_publish(
        version=version, effective_from=TUESDAY, clocks=ClockPolicy.KEEP, now=MONDAY
    )


def test_before_its_day_the_version_in_effect_decides_and_from_it_the_new_one(personas):
    bob = Contact.objects.select_related("organization").get(email="bob@globex.example")
    with time_machine.travel(MONDAY, tick=False):
        version = _silver_how_to_metered()
        assert apply_due_versions(datetime(2026, 11, 30, 23, 59, tzinfo=UTC)) == []
        before = decide_coverage(bob.organization, bob, "how_to", MONDAY.date())
        ticket = open_ticket("bob@globex.example", request_type="downtime", priority="urgent")
    assert before.decision == "included"
    assert ticket.plan_version == 1
    assert SlaClock.objects.get(ticket=ticket, metric="first_reply").target_minutes == 60
    silver = Plan.objects.get(name="Silver")
    assert silver.hours_included == 20 and silver.version == 1

    midnight = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    assert apply_due_versions(midnight) == [version.pk]
    with time_machine.travel(midnight + timedelta(hours=9), tick=False):
        after = decide_coverage(bob.organization, bob, "how_to", TUESDAY)
        later = open_ticket("bob@globex.example", request_type="downtime", priority="urgent")
    assert after.decision == "metered"
    assert later.plan_version == 2
    assert SlaClock.objects.get(ticket=later, metric="first_reply").target_minutes == 15
    silver.refresh_from_db()
    assert silver.hours_included == 30 and silver.version == 2
    assert PlanVersion.objects.get(plan=silver, number=1).state == "Replaced"


def test_a_version_cannot_take_effect_in_the_past(personas):
    with time_machine.travel(MONDAY, tick=False):
        version = draft_version("Gold")
        with pytest.raises(ValidationError) as refused:
            plan_version_publish(
                version=version, effective_from=date(2026, 11, 29), clocks=ClockPolicy.KEEP
            )
    assert (
        "Choose today (30 Nov 2026) or a later day." in refused.value.message_dict["effective_from"]
    )
    version.refresh_from_db()
    assert version.status == PlanStatus.DRAFT


def test_published_for_today_a_version_is_in_effect_at_once(personas):
    with time_machine.travel(MONDAY, tick=False):
        version = draft_version("Gold", consulting_rate=150)
        plan_version_publish(version=version, effective_from=MONDAY.date(), clocks="keep")
    gold = Plan.objects.get(name="Gold")
    assert gold.consulting_rate == 150 and gold.version == 2
    assert version.applied_at == MONDAY


def test_a_plan_has_one_version_waiting_at_a_time_and_drafts_have_none(personas):
    draft_version("Gold")
    gold = Plan.objects.get(name="Gold")
    with pytest.raises(ValidationError, match="a version waiting already"):
        plan_version_create(plan=gold)
    draft = Plan.objects.create(
        name="Starter", slug="starter", calendar=gold.calendar, channels=["email"]
    )
    with pytest.raises(ValidationError, match="change its terms in place"):
        plan_version_create(plan=draft)


def test_a_version_with_invalid_terms_is_not_published(personas):
    version = draft_version("Gold")
    version.terms["plan"]["channels"] = ["fax"]
    version.save()
    with pytest.raises(ValidationError, match="fax"):
        plan_version_publish(version=version, effective_from=date(2027, 1, 1), clocks="keep")
    assert Plan.objects.get(name="Gold").version == 1


def test_the_day_begins_at_midnight_in_the_plans_calendar_time_zone(personas):
    gold = Plan.objects.select_related("calendar").get(name="Gold")
    gold.calendar.timezone = "America/New_York"  # UTC−5 in December
    gold.calendar.save()
    with time_machine.travel(MONDAY, tick=False):
        version = draft_version("Gold", consulting_rate=150)
        plan_version_publish(version=version, effective_from=TUESDAY, clocks="keep")
    assert apply_due_versions(datetime(2026, 12, 1, 4, 59, tzinfo=UTC)) == []
    assert apply_due_versions(datetime(2026, 12, 1, 5, 0, tzinfo=UTC)) == [version.pk]


def test_a_version_whose_terms_no_longer_hold_waits_and_the_others_take_effect(personas, caplog):
    with time_machine.travel(MONDAY, tick=False):
        broken = draft_version("Gold")
        plan_version_publish(version=broken, effective_from=TUESDAY, clocks="keep")
        fine = draft_version("Silver", hours_included=30)
        plan_version_publish(version=fine, effective_from=TUESDAY, clocks="keep")
    terms = {**broken.terms, "plan": {**broken.terms["plan"], "calendar_id": 999_999}}
    PlanVersion.objects.filter(pk=broken.pk).update(terms=terms)  # its calendar is gone
    assert apply_due_versions(datetime(2026, 12, 1, 0, 0, tzinfo=UTC)) == [fine.pk]
    assert "Gold version 2 cannot take effect" in caplog.text
    assert PlanVersion.objects.get(pk=broken.pk).applied_at is None
    assert Plan.objects.get(name="Gold").version == 1

"""The incident rule (Plan.incident_rule) is one of a plan's terms: a published plan
changes it through a version, on the version's day; a version saved before the rule
existed keeps the rule of the plan."""

from datetime import UTC, date, datetime

import time_machine

from charterdesk.plans.models import ClockPolicy, IncidentRule, Plan
from charterdesk.plans.sweep import apply_due_versions
from charterdesk.plans.terms import PlanTerms
from charterdesk.plans.versions import plan_version_publish
from tests.plans.versions import draft_version

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_a_version_changes_the_incident_rule_on_its_day(personas):
    silver = Plan.objects.get(name="Silver")
    assert silver.incident_rule == IncidentRule.PAUSE_FIRST_REPLY  # the default
    with time_machine.travel(MONDAY, tick=False):
        version = draft_version("Silver", incident_rule=IncidentRule.KEEP_RUNNING)
        plan_version_publish(
            version=version, effective_from=date(2026, 12, 1), clocks=ClockPolicy.KEEP, now=MONDAY
        )
    assert version.terms["plan"]["incident_rule"] == "keep_running"
    silver.refresh_from_db()
    assert silver.incident_rule == IncidentRule.PAUSE_FIRST_REPLY  # not before its day

    assert apply_due_versions(datetime(2026, 12, 1, 0, 0, tzinfo=UTC)) == [version.pk]
    silver.refresh_from_db()
    assert silver.incident_rule == IncidentRule.KEEP_RUNNING


def test_terms_saved_without_the_rule_keep_the_plans(personas):
    gold = Plan.objects.get(name="Gold")
    terms = PlanTerms.of(gold).to_json()
    del terms["plan"]["incident_rule"]
    assert PlanTerms.from_json(gold, terms).plan.incident_rule == gold.incident_rule

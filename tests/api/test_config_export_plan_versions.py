"""A plan version waiting for its day (a draft, or published for a later day) is part of
the configuration: it exports, imports into an empty database through the settings
pages' services (drafted, changed, published), and importing it twice changes nothing.
Versions already applied are the plan's history and stay where they are."""

import json
from datetime import UTC, date, datetime

import time_machine

from charterdesk.configuration.transfer import configuration_export, configuration_import
from charterdesk.plans.models import Plan, PlanStatus, PlanVersion
from charterdesk.plans.versions import plan_version_publish
from tests.plans.versions import draft_version

from .config_helpers import empty_database

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_a_scheduled_and_a_draft_version_travel_with_the_configuration(personas):
    with time_machine.travel(MONDAY, tick=False):
        gold = draft_version("Gold", consulting_rate=175)
        plan_version_publish(version=gold, effective_from=date(2027, 1, 1), clocks="recompute")
        draft_version("Silver", targets={("downtime", "urgent", "first_reply"): 20})
        first = configuration_export()
        empty_database()
        report = configuration_import(json.loads(json.dumps(first)))
        again = configuration_import(json.loads(json.dumps(first)))
        second = configuration_export()

    assert [(v["plan"], v["status"]) for v in first["plan_versions"]] == [
        ("gold", "published"),
        ("silver", "draft"),
    ]
    assert first["plan_versions"][0]["terms"]["consulting_rate"] == "175.00"
    assert report.errors == {}
    assert second == first
    assert again.errors == {} and {c.action for c in again.changes} == {"unchanged"}
    scheduled = PlanVersion.objects.get(plan__slug="gold", applied_at__isnull=True)
    assert scheduled.status == PlanStatus.PUBLISHED
    assert (scheduled.effective_from, scheduled.clocks) == (date(2027, 1, 1), "recompute")
    assert Plan.objects.get(slug="gold").consulting_rate == 0  # not before its day


def test_a_scheduled_version_is_not_changed_by_an_import(personas):
    with time_machine.travel(MONDAY, tick=False):
        gold = draft_version("Gold", consulting_rate=175)
        plan_version_publish(version=gold, effective_from=date(2027, 1, 1), clocks="keep")
        document = configuration_export()
        document["plan_versions"][0]["terms"]["consulting_rate"] = "999"
        report = configuration_import(document)

    assert "plan_versions.0.status" in report.errors
    assert PlanVersion.objects.get(pk=gold.pk).terms == gold.terms

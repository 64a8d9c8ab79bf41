"""A published plan changes through versions in the configuration API, as on the settings
pages: a draft version copies the terms in effect, is changed, published for a day and
applies on that day; the same values are refused with the same field names; a published
version is kept."""

from datetime import UTC, datetime

import time_machine

from charterdesk.plans.models import Plan, PlanStatus, PlanVersion

from .config_helpers import send

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
URGENT_DOWNTIME = {"request_type": "downtime", "priority": "urgent", "metric": "first_reply"}


def _versions_url(plan: Plan) -> str:
    return f"/api/v1/config/plans/{plan.pk}/versions"


def test_a_version_is_drafted_changed_and_scheduled_for_its_day(api, personas):
    client = api.as_(personas.manager)
    gold = Plan.objects.get(name="Gold")
    url = _versions_url(gold)
    with time_machine.travel(MONDAY, tick=False):
        drafted = send(client, "post", url, {"consulting_rate": "175"})
        targets = [*drafted.json()["terms"]["targets"]]
        for target in targets:
            if {k: target[k] for k in URGENT_DOWNTIME} == URGENT_DOWNTIME:
                target["minutes"] = 10
        changed = send(client, "patch", f"{url}/2", {"targets": targets})
        published = send(
            client, "post", f"{url}/2/publish", {"effective_from": "2027-01-01", "clocks": "keep"}
        )
        listed = send(client, "get", url)

    assert drafted.status_code == 201, drafted.json()
    assert drafted.json()["number"] == 2 and drafted.json()["state"] == "Draft"
    assert drafted.json()["terms"]["consulting_rate"] == "175.00"
    assert drafted.json()["terms"]["calendar"] == gold.calendar.name
    assert changed.status_code == 200, changed.json()
    assert published.status_code == 200, published.json()
    assert published.json()["state"] == "Scheduled"
    assert published.json()["effective_from"] == "2027-01-01"
    assert [v["number"] for v in listed.json()["items"]] == [2, 1]
    assert listed.json()["items"][1]["state"] == "In effect"
    gold.refresh_from_db()
    assert gold.consulting_rate == 0 and gold.version == 1  # not before its day
    version = PlanVersion.objects.get(plan=gold, number=2)
    minutes = {
        (t["request_type"], t["priority"], t["metric"]): t["minutes"]
        for t in version.terms["targets"]
    }
    assert minutes[("downtime", "urgent", "first_reply")] == 10


def test_a_version_published_for_today_applies_at_once(api, personas):
    client = api.as_(personas.manager)
    silver = Plan.objects.get(name="Silver")
    url = _versions_url(silver)
    with time_machine.travel(MONDAY, tick=False):
        send(client, "post", url, {"hours_included": "42", "effective_from": "2026-11-30"})
        published = send(client, "post", f"{url}/2/publish", {"clocks": "recompute"})

    assert published.status_code == 200, published.json()
    assert published.json()["state"] == "In effect"
    silver.refresh_from_db()
    assert silver.hours_included == 42 and silver.version == 2


def test_refused_values_are_named_like_on_the_pages_and_reach_no_row(api, personas):
    client = api.as_(personas.manager)
    gold = Plan.objects.get(name="Gold")
    url = _versions_url(gold)
    with time_machine.travel(MONDAY, tick=False):
        fax = send(client, "post", url, {"channels": ["fax"]})
        cell = send(
            client, "post", url, {"coverage": [{"request_type": "downtime", "decision": "maybe"}]}
        )
        past = send(client, "post", url, {"effective_from": "2026-11-01"})
        clocks = send(client, "post", url, {"clocks": "sometimes"})
        send(client, "post", url, {})
        no_day = send(client, "post", f"{url}/2/publish", {})

    assert fax.status_code == 422 and "fax" in fax.json()["errors"]["channels"][0]
    assert cell.status_code == 422 and "coverage.0.decision" in cell.json()["errors"]
    assert (
        past.status_code == 422 and "or a later day" in past.json()["errors"]["effective_from"][0]
    )
    assert clocks.status_code == 422 and "clocks" in clocks.json()["errors"]
    assert no_day.status_code == 422 and "effective_from" in no_day.json()["errors"]
    assert list(PlanVersion.objects.filter(plan=gold).values_list("number", "status")) == [
        (2, PlanStatus.DRAFT),
        (1, PlanStatus.PUBLISHED),
    ]


def test_one_version_waits_at_a_time(api, personas):
    client = api.as_(personas.manager)
    url = _versions_url(Plan.objects.get(name="Gold"))

    first = send(client, "post", url, {})
    second = send(client, "post", url, {})

    assert first.status_code == 201
    assert second.status_code == 422 and "waiting" in second.json()["errors"]["status"][0]


def test_a_published_version_is_kept_and_a_draft_can_be_discarded(api, personas):
    client = api.as_(personas.manager)
    gold = Plan.objects.get(name="Gold")
    url = _versions_url(gold)
    with time_machine.travel(MONDAY, tick=False):
        send(client, "post", url, {})
        changed = send(client, "patch", f"{url}/1", {"hours_included": "1"})
        deleted = send(client, "delete", f"{url}/1")
        discarded = send(client, "delete", f"{url}/2")
        missing = send(client, "get", f"{url}/2")

    assert changed.status_code == 422 and "status" in changed.json()["errors"]
    assert deleted.status_code == 422 and "kept" in deleted.json()["errors"]["status"][0]
    assert discarded.status_code == 204
    assert missing.status_code == 404
    assert list(PlanVersion.objects.filter(plan=gold).values_list("number", flat=True)) == [1]


def test_a_draft_plan_has_no_versions_and_agents_cannot_draft_one(api, personas):
    draft = Plan.objects.filter(status=PlanStatus.PUBLISHED).first()
    assert draft is not None
    draft.status = PlanStatus.DRAFT
    draft.save()

    by_manager = send(api.as_(personas.manager), "post", _versions_url(draft), {})
    by_agent = send(api.as_(personas.tier1), "post", _versions_url(draft), {})

    assert by_manager.status_code == 422
    assert "is a draft" in by_manager.json()["errors"]["status"][0]
    assert by_agent.status_code == 403

"""A manager changes a published plan through a new version on the plan's page: the
draft version is a copy of the terms in effect, edited in the same grids, published for a
day (not one in the past) with the choice for open tickets' clocks; every step is in the
audit log under the manager's name, and the plan's terms change only on that day."""

from datetime import UTC, datetime

import time_machine
from django.test import Client

from charterdesk.core.models import AuditEntry
from charterdesk.plans.models import Plan, PlanStatus, PlanVersion
from charterdesk.plans.sweep import apply_due_versions

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def _version_data(client: Client, url: str, **changes: object) -> dict[str, object]:
    page = client.get(url)
    data: dict[str, object] = {}
    for form in (page.context["form"], page.context["terms"]):
        for name in form.fields:
            value = form[name].value()
            data[name] = "" if value is None else value
    data["sla_pause_on_hold"] = "on" if data["sla_pause_on_hold"] else ""
    data.update(changes)
    return data


def test_a_new_version_is_edited_in_the_grids_and_takes_effect_on_its_day(login, personas):
    client = login(personas.manager)
    gold = Plan.objects.get(name="Gold")
    with time_machine.travel(MONDAY, tick=False):
        page = client.post(f"/manage/plans/{gold.pk}/versions/new")
        url = f"/manage/plans/{gold.pk}/versions/2/"
        assert page["Location"] == url
        data = _version_data(
            client, url, consulting_rate="175", **{"t-downtime-urgent-first_reply": "10"}
        )
        assert client.post(url, data).status_code == 302
        published = client.post(
            f"{url}publish", {"effective_from": "2027-01-01", "clocks": "recompute"}
        )
    assert published["Location"] == f"/manage/plans/{gold.pk}/"
    version = PlanVersion.objects.get(plan=gold, number=2)
    assert version.status == PlanStatus.PUBLISHED and version.clocks == "recompute"
    gold.refresh_from_db()
    assert gold.consulting_rate == 0 and gold.version == 1  # not before its day
    plan_page = client.get(f"/manage/plans/{gold.pk}/").content.decode()
    assert "Scheduled" in plan_page and "1 Jan 2027" in plan_page

    assert apply_due_versions(datetime(2027, 1, 1, 0, 1, tzinfo=UTC)) == [version.pk]
    gold.refresh_from_db()
    assert gold.consulting_rate == 175 and gold.version == 2
    assert (
        gold.targets.get(request_type="downtime", priority="urgent", metric="first_reply").minutes
        == 10
    )


def test_publishing_for_a_past_day_is_an_error_at_the_date(login, personas):
    client = login(personas.manager)
    gold = Plan.objects.get(name="Gold")
    with time_machine.travel(MONDAY, tick=False):
        client.post(f"/manage/plans/{gold.pk}/versions/new")
        page = client.post(
            f"/manage/plans/{gold.pk}/versions/2/publish",
            {"effective_from": "2026-11-01", "clocks": "keep"},
        )
    assert page.status_code == 200
    assert "Choose today (30 Nov 2026) or a later day." in page.content.decode()
    assert PlanVersion.objects.get(plan=gold, number=2).status == PlanStatus.DRAFT


def test_a_draft_version_can_be_discarded_and_a_published_one_is_read_only(login, personas):
    client = login(personas.manager)
    gold = Plan.objects.get(name="Gold")
    client.post(f"/manage/plans/{gold.pk}/versions/new")
    client.post(f"/manage/plans/{gold.pk}/versions/2/discard")
    assert not PlanVersion.objects.filter(plan=gold, number=2).exists()
    version_1 = client.get(f"/manage/plans/{gold.pk}/versions/1/")
    assert version_1.status_code == 200
    assert "A published version is what customers were promised" in version_1.content.decode()
    data = _version_data(client, f"/manage/plans/{gold.pk}/versions/1/", consulting_rate="1")
    client.post(f"/manage/plans/{gold.pk}/versions/1/", data)
    assert PlanVersion.objects.get(plan=gold, number=1).terms["plan"]["consulting_rate"] != "1"


def test_new_version_and_publish_are_in_the_audit_log_under_the_managers_name(login, personas):
    client = login(personas.manager)
    gold = Plan.objects.get(name="Gold")
    client.post(f"/manage/plans/{gold.pk}/versions/new")
    client.post(
        f"/manage/plans/{gold.pk}/versions/2/publish",
        {"effective_from": "2099-01-01", "clocks": "keep"},
    )
    entries = AuditEntry.objects.filter(kind="plans.planversion").order_by("id")
    created, published = [e for e in entries if e.object_repr == "Gold version 2"]
    assert created.action == "created" and created.actor == personas.manager
    assert published.changes["status"] == ["draft", "published"]
    assert published.changes["effective_from"] == [None, "2099-01-01"]
    assert published.actor == personas.manager


def test_only_managers_reach_the_version_pages(login, personas):
    gold = Plan.objects.get(name="Gold")
    page = login(personas.tier1).post(f"/manage/plans/{gold.pk}/versions/new")
    assert page.status_code in (302, 403)
    assert not PlanVersion.objects.filter(plan=gold, number=2).exists()

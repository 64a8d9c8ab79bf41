"""A draft plan published on its settings page, through the configuration API or by an
import becomes the same thing: a published plan whose terms are its version 1, in effect
from the day it was published (one service, plans.versions.plan_publish)."""

from datetime import UTC, date, datetime

import time_machine

from charterdesk.configuration.transfer import FORMAT, VERSION
from charterdesk.plans.models import Plan, PlanStatus, PlanVersion
from charterdesk.plans.terms import PlanTerms

from .config_helpers import draft_plan, send

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def _version_1(name: str) -> tuple[object, ...]:
    plan = Plan.objects.get(name=name)
    version = PlanVersion.objects.get(plan=plan)
    assert version.terms == PlanTerms.of(plan).to_json()
    return (plan.status, plan.version, version.number, version.status, version.effective_from)


def test_page_api_and_import_publish_a_plan_as_version_1(api, login, personas):
    client = api.as_(personas.manager)
    with time_machine.travel(MONDAY, tick=False):
        by_api = send(client, "post", "/api/v1/config/plans", draft_plan(name="Platinum"))
        send(client, "post", f"/api/v1/config/plans/{by_api.json()['id']}/publish")
        by_page = send(client, "post", "/api/v1/config/plans", draft_plan(name="Osmium"))
        login(personas.manager).post(f"/manage/plans/{by_page.json()['id']}/publish")
        document = {
            "format": FORMAT,
            "version": VERSION,
            "plans": [draft_plan(name="Iridium", status="published")],
        }
        imported = send(client, "post", "/api/v1/config/import", document)

    assert imported.status_code == 200, imported.json()
    expected = (PlanStatus.PUBLISHED, 1, 1, PlanStatus.PUBLISHED, date(2026, 11, 30))
    assert _version_1("Platinum") == expected
    assert _version_1("Osmium") == expected
    assert _version_1("Iridium") == expected


def test_a_published_plan_is_not_published_twice(api, personas):
    gold = Plan.objects.get(name="Gold")

    response = send(api.as_(personas.manager), "post", f"/api/v1/config/plans/{gold.pk}/publish")

    assert response.status_code == 422
    assert "already published" in response.json()["errors"]["status"][0]

"""Two clients publish the same draft plan version at the same moment (two connections):
it is published once; the second request waits for the first (the plan row is locked
first), then finds the version published and gets 422. PostgreSQL only: SQLite lets one
writer at a time anyway."""

import threading
import time

import pytest
from django.db import connection

from charterdesk.api.config import versions as version_api
from charterdesk.plans.models import Plan, PlanStatus, PlanVersion
from charterdesk.plans.versions import plan_version_create
from tests.conftest import ApiClientFactory

from .config_helpers import send

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one writer at a time on SQLite"
)
HELD_FOR = 0.5  # seconds a publish stays in its transaction before it commits


def test_a_version_published_twice_at_once_is_published_once(live_personas, monkeypatch):
    gold = Plan.objects.select_related("calendar").get(name="Gold")
    version = plan_version_create(plan=gold)
    clients = [ApiClientFactory().as_(live_personas.manager) for _ in range(2)]
    original = version_api.plan_version_publish

    def held_publish(**kwargs):  # type: ignore[no-untyped-def]
        published = original(**kwargs)
        time.sleep(HELD_FOR)  # the other request arrives before this one commits
        return published

    monkeypatch.setattr(version_api, "plan_version_publish", held_publish)
    ready = threading.Barrier(2, timeout=30)
    codes: list[int] = []
    url = f"/api/v1/config/plans/{gold.pk}/versions/{version.number}/publish"

    def publish(client) -> None:  # type: ignore[no-untyped-def]
        try:
            ready.wait()
            body = {"effective_from": "2099-01-01", "clocks": "keep"}
            codes.append(send(client, "post", url, body).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(codes) == [200, 422]
    stored = PlanVersion.objects.get(pk=version.pk)
    assert stored.status == PlanStatus.PUBLISHED

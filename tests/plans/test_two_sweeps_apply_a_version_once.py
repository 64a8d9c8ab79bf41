"""Two schedulers run the plan-versions sweep at the same moment, each on its own
connection: the version is claimed by one of them, its terms are applied once and each
open ticket on the plan gets one history line. On SQLite and on PostgreSQL."""

import threading
from datetime import UTC, date, datetime

import time_machine
from django.db import connection

from charterdesk.plans import versions as plan_versions
from charterdesk.plans.models import ClockPolicy, PlanVersion
from charterdesk.plans.sweep import apply_due_versions
from charterdesk.plans.versions import plan_version_publish
from charterdesk.tickets.models import TicketEvent
from tests.plans.versions import draft_version
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
TUESDAY_1 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
HELD_FOR = 1.5  # seconds the first sweep stays in its transaction after its claim


def test_two_sweeps_at_once_apply_a_version_once(live_personas, monkeypatch):
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("bob@globex.example", request_type="downtime", priority="urgent")
        version = draft_version("Silver", targets={("downtime", "urgent", "first_reply"): 240})
        plan_version_publish(
            version=version, effective_from=date(2026, 12, 1), clocks=ClockPolicy.RECOMPUTE
        )
    inside, done = threading.Event(), threading.Event()
    original = plan_versions.terms_apply

    def held_apply(plan, terms):  # type: ignore[no-untyped-def]
        original(plan, terms)
        inside.set()
        done.wait(HELD_FOR)  # the other sweep arrives while this one holds its claim

    monkeypatch.setattr(plan_versions, "terms_apply", held_apply)
    applied: dict[str, object] = {}

    def sweep(name: str) -> None:
        try:
            applied[name] = apply_due_versions(TUESDAY_1)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            applied[name] = error
        finally:
            if name == "second":
                done.set()
            connection.close()

    first = threading.Thread(target=sweep, args=("first",))
    first.start()
    assert inside.wait(30), "the first sweep never applied the version"
    second = threading.Thread(target=sweep, args=("second",))
    second.start()
    first.join(60)
    second.join(60)

    assert applied == {"first": [version.pk], "second": []}
    assert PlanVersion.objects.get(pk=version.pk).applied_at == TUESDAY_1
    events = TicketEvent.objects.filter(ticket=ticket, field="plan_version")
    assert events.count() == 1

"""Two managers save overlapping contracts for one organization at the same moment (two
connections, two transactions): one is saved, the other is refused with the overlap
message, because each save locks the organization's row before it looks for an overlap.
PostgreSQL only: SQLite lets one writer at a time anyway."""

import threading
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from charterdesk.customers.models import Organization
from charterdesk.plans.models import Contract, Plan

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one writer at a time on SQLite"
)
HELD_FOR = 0.5  # seconds each save stays in its transaction before it commits


def test_two_overlapping_contracts_saved_at_once_are_not_both_kept(live_personas):
    organization = Organization.objects.create(name="Race Ltd")
    gold = Plan.objects.get(name="Gold")
    ready = threading.Barrier(2, timeout=30)
    outcome: dict[str, object] = {}

    def save(name: str, starts_on: date) -> None:
        try:
            with transaction.atomic():
                ready.wait()
                contract = Contract(organization=organization, plan=gold, starts_on=starts_on)
                contract.save()
                time.sleep(HELD_FOR)  # the other save arrives before this one commits
            outcome[name] = "saved"
        except ValidationError as error:
            outcome[name] = error.message_dict
        except BaseException as error:  # noqa: BLE001 - reported by the test
            outcome[name] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=("first", date(2026, 1, 1))),
        threading.Thread(target=save, args=("second", date(2026, 6, 1))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(outcome, key=str) == ["first", "second"]
    assert sorted(str(v) for v in outcome.values()).count("saved") == 1, outcome
    refused = next(v for v in outcome.values() if v != "saved")
    assert isinstance(refused, dict) and "overlaps" in refused["starts_on"][0]
    assert Contract.objects.filter(organization=organization).count() == 1

"""Concurrent transactions reassigning, solving and reopening tickets (some rolled back,
some killed by a deadlock) leave the kept loads equal to the recomputed sum (PostgreSQL:
SQLite has one writer at a time)."""

import random
import threading

import pytest
from django.db import DatabaseError, connection, transaction

from charterdesk.routing import load_counter
from charterdesk.tickets.models import Status, Ticket
from tests.routing.factories import agent, give

WRITERS, ROUNDS = 4, 25


class RollbackError(Exception):
    pass


def writer(seed: int, tickets: list[int], agents: list[int], failures: list[BaseException]):
    rng = random.Random(seed)  # noqa: S311  # test data
    try:
        for n in range(ROUNDS):
            try:
                with transaction.atomic():
                    for pk in rng.sample(tickets, 3):
                        Ticket.objects.filter(pk=pk).update(
                            assignee_id=rng.choice(agents),
                            status=rng.choice([Status.OPEN, Status.PENDING, Status.SOLVED]),
                            priority=rng.choice(["urgent", "high", "normal", "low"]),
                        )
                    if n % 5 == 0:
                        raise RollbackError
            except (RollbackError, DatabaseError):  # a deadlock rolls back like any error
                pass
    except BaseException as error:  # noqa: BLE001  # reported by the test
        failures.append(error)
    finally:
        connection.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one writer at a time on SQLite")
def test_kept_loads_stay_exact_under_concurrent_writers(live_personas):
    people = [agent(f"Agent {i}") for i in range(3)]
    for person in people:
        give(person, 4)
    agents = [p.pk for p in people]
    tickets = list(Ticket.objects.filter(assignee_id__in=agents).values_list("pk", flat=True))
    before = load_counter.stored()
    failures: list[BaseException] = []
    threads = [
        threading.Thread(target=writer, args=(seed, tickets, agents, failures))
        for seed in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert load_counter.stored() != before  # the writers committed changes
    assert load_counter.check() == {}

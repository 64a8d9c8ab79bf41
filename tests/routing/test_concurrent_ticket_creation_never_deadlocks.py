"""Eight clients opening tickets at once on PostgreSQL, each on its own connection, all
assigned from one team: every request is stored and none fails with a deadlock (one was
seen on routing_agentprofile.last_assigned_at). SQLite has one writer at a time."""

import threading

import pytest
from django.db import connection
from django.test import Client

from charterdesk.accounts.models import ApiToken
from charterdesk.routing.models import Assignment, RoutingRule
from charterdesk.tickets.models import Ticket
from tests.routing.factories import agent, queue, team

CREATORS, EACH = 8, 8

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one writer at a time on SQLite"
)


def creator(api_client, n: int, answers: list[int], failures: list[BaseException]) -> None:
    try:
        for i in range(EACH):
            response = api_client.post(
                "/api/v1/tickets",
                {
                    "subject": f"Creator {n} request {i}",
                    "body": "Our site is down.",
                    "type": "error",
                },
                content_type="application/json",
            )
            answers.append(response.status_code)
    except BaseException as error:  # noqa: BLE001  # reported by the test
        failures.append(error)
    finally:
        connection.close()


@pytest.mark.parametrize("strategy", [Assignment.ROUND_ROBIN, Assignment.LEAST_LOADED])
def test_eight_concurrent_creators_store_every_ticket_without_error(live_personas, strategy):
    crew = team()
    for i in range(4):
        agent(f"Agent {i}", crew)
    lane = queue(crew, strategy)
    RoutingRule.objects.create(name="All to the crew", queue=lane, position=0)
    before = Ticket.objects.count()
    answers: list[int] = []
    failures: list[BaseException] = []
    token = ApiToken.issue(live_personas.alice)[1]
    clients = [Client(headers={"Authorization": f"Bearer {token}"}) for _ in range(CREATORS)]
    threads = [
        threading.Thread(target=creator, args=(c, n, answers, failures))
        for n, c in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert answers == [201] * (CREATORS * EACH)
    assert Ticket.objects.count() - before == CREATORS * EACH
    assert Ticket.objects.filter(queue=lane).count() == CREATORS * EACH

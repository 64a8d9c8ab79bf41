"""An API write sent again with the same Idempotency-Key and body answers what the first one
answered, and nothing is written twice: a client that lost the answer can retry safely."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from charterdesk.commitments.models import Commitment
from charterdesk.core import idempotency
from charterdesk.core.models import IdempotencyKey
from charterdesk.hours.models import TimeEntry
from charterdesk.tickets.models import Message, Ticket
from tests.tickets.factories import open_ticket

NEW_TICKET = {"subject": "Checkout down", "body": "502 everywhere", "type": "downtime"}


def post(client, url, data, key="retry-1"):  # type: ignore[no-untyped-def]
    return client.post(
        url, json.dumps(data), content_type="application/json", headers={"Idempotency-Key": key}
    )


def test_the_same_key_and_body_return_the_first_answer_and_one_ticket(api, personas):
    alice = api.as_(personas.alice)
    first = post(alice, "/api/v1/tickets", NEW_TICKET)
    again = post(alice, "/api/v1/tickets", NEW_TICKET)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Ticket.objects.filter(subject="Checkout down").count() == 1


def test_without_a_key_each_request_writes(api, personas):
    alice = api.as_(personas.alice)
    for _ in range(2):
        alice.post("/api/v1/tickets", NEW_TICKET, content_type="application/json")
    assert Ticket.objects.filter(subject="Checkout down").count() == 2


def test_the_same_key_with_another_body_is_refused_with_a_problem(api, personas):
    alice = api.as_(personas.alice)
    post(alice, "/api/v1/tickets", NEW_TICKET)
    other = post(alice, "/api/v1/tickets", {**NEW_TICKET, "subject": "Another request"})
    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert "Idempotency-Key" in other.json()["errors"]
    assert not Ticket.objects.filter(subject="Another request").exists()


def test_keys_belong_to_one_user(api, personas):
    post(api.as_(personas.alice), "/api/v1/tickets", NEW_TICKET)
    bobs = post(api.as_(personas.bob), "/api/v1/tickets", NEW_TICKET)
    assert bobs.status_code == 201
    assert bobs.json()["organization"]["name"] == "Globex"
    assert Ticket.objects.filter(subject="Checkout down").count() == 2


def test_a_write_that_failed_keeps_no_key_and_can_be_corrected(api, personas):
    alice = api.as_(personas.alice)
    refused = post(alice, "/api/v1/tickets", {**NEW_TICKET, "subject": ""})
    assert refused.status_code == 422
    corrected = post(alice, "/api/v1/tickets", NEW_TICKET)
    assert corrected.status_code == 201
    assert not IdempotencyKey.objects.filter(status=422).exists()


@pytest.mark.parametrize(
    ("path", "body", "model"),
    [
        ("messages", {"body": "Any news?"}, Message),
        ("time-entries", {"minutes": 30, "activity": "investigation"}, TimeEntry),
        ("commitments", {"text": "Call back", "due_at": "2030-01-01T10:00:00Z"}, Commitment),
    ],
)
def test_messages_time_entries_and_promises_are_written_once(api, personas, path, body, model):
    ticket = open_ticket()
    tier1 = api.as_(personas.tier1)
    url = f"/api/v1/tickets/{ticket.pk}/{path}"
    before = model.objects.count()
    answers = [post(tier1, url, body, key=f"{path}-1") for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201], answers[0].content
    assert answers[1].json() == answers[0].json()
    assert model.objects.count() == before + 1


def test_a_key_is_forgotten_after_24_hours(api, personas):
    alice = api.as_(personas.alice)
    post(alice, "/api/v1/tickets", NEW_TICKET)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert idempotency.prune(timezone.now()) == 1
        again = post(alice, "/api/v1/tickets", NEW_TICKET)
    assert again.status_code == 201
    assert Ticket.objects.filter(subject="Checkout down").count() == 2


def test_a_key_of_more_than_255_characters_is_refused(api, personas):
    response = post(api.as_(personas.alice), "/api/v1/tickets", NEW_TICKET, key="k" * 256)
    assert response.status_code == 422
    assert not Ticket.objects.filter(subject="Checkout down").exists()

"""Bearer tokens carry scopes (read, write, admin), an expiry and a revocation; the API
refuses what a token does not allow, naming the missing scope."""

import json
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from charterdesk.accounts.models import ApiToken
from charterdesk.routing.models import Queue
from tests.tickets.factories import open_ticket

NEW_TICKET = {"subject": "Export fails", "body": "Error 500", "type": "error"}


def _client(user, **options):  # type: ignore[no-untyped-def]
    token, plain = ApiToken.issue(user, **options)
    return token, Client(headers={"Authorization": f"Bearer {plain}"})


def _post(client, url, body):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_read_only_token_reads_but_cannot_open_a_ticket(personas):
    _, client = _client(personas.alice, scopes=["read"])
    assert client.get("/api/v1/tickets").status_code == 200
    refused = _post(client, "/api/v1/tickets", NEW_TICKET)
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert "`write` scope" in refused.json()["detail"]
    assert not personas.alice.contact.tickets.exists()


def test_a_write_token_opens_a_ticket(personas):
    _, client = _client(personas.alice, scopes=["read", "write"])
    assert _post(client, "/api/v1/tickets", NEW_TICKET).status_code == 201


def test_an_expired_token_is_refused(personas):
    _, client = _client(personas.tier1, expires_at=timezone.now() + timedelta(days=7))
    assert client.get("/api/v1/tickets").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        refused = client.get("/api/v1/tickets")
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"


def test_a_revoked_token_is_refused(personas):
    token, client = _client(personas.tier1)
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/v1/tickets").status_code == 401


def test_a_token_revoked_after_use_is_refused_on_the_next_request(personas):
    token, client = _client(personas.tier1)
    assert client.get("/api/v1/tickets").status_code == 200  # its statement compiled and kept
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert client.get("/api/v1/tickets").status_code == 401


def test_a_deactivated_users_token_is_refused_on_the_next_request(personas):
    _, client = _client(personas.alice)
    assert client.get("/api/v1/tickets").status_code == 200
    type(personas.alice).objects.filter(pk=personas.alice.pk).update(is_active=False)
    assert client.get("/api/v1/tickets").status_code == 401


def test_each_request_acts_as_the_user_and_contact_of_that_moment(personas):
    _, client = _client(personas.alice)
    assert _post(client, "/api/v1/tickets", NEW_TICKET).json()["requester"]["email"] == (
        "alice@acme.example"
    )
    personas.alice.contact.name = "Alice Renamed"
    personas.alice.contact.save()
    again = _post(client, "/api/v1/tickets", NEW_TICKET).json()
    assert again["requester"]["name"] == "Alice Renamed"


def test_a_managers_token_without_admin_scope_cannot_edit_routing_rules(personas):
    rule = {"name": "Downtime", "position": 1, "queue": Queue.objects.first().pk}  # type: ignore[union-attr]
    _, plain_client = _client(personas.manager, scopes=["read", "write"])
    refused = _post(plain_client, "/api/v1/routing-rules", rule)
    assert refused.status_code == 403
    assert "`admin` scope" in refused.json()["detail"]
    _, admin_client = _client(personas.manager, scopes=["read", "write", "admin"])
    assert _post(admin_client, "/api/v1/routing-rules", rule).status_code == 201


def test_the_last_use_of_a_token_is_recorded(personas):
    ticket = open_ticket()
    token, client = _client(personas.alice)
    assert token.last_used_at is None
    client.get(f"/api/v1/tickets/{ticket.pk}")
    token.refresh_from_db()
    assert token.last_used_at is not None

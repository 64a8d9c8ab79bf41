"""A mailbox's password is written, never read back; left out, the saved one stays."""

from charterdesk.configuration.transfer import configuration_export
from charterdesk.core.models import AuditEntry
from charterdesk.mailboxes.models import Mailbox

from .config_helpers import send

MAILBOX = {"name": "support", "host": "imap.example.com", "username": "desk", "password": "s3cret"}


def test_password_is_never_returned_nor_exported(api, personas):
    client = api.as_(personas.manager)

    created = send(client, "post", "/api/v1/config/mailboxes", MAILBOX)
    read = send(client, "get", f"/api/v1/config/mailboxes/{created.json()['id']}")

    assert created.status_code == 201
    for body in (created.json(), read.json(), configuration_export()["mailboxes"][0]):
        assert "password" not in body
        assert "s3cret" not in str(body)
    assert Mailbox.objects.get(name="support").password == "s3cret"  # noqa: S105


def test_change_without_password_keeps_the_saved_one(api, personas):
    client = api.as_(personas.manager)
    box_id = send(client, "post", "/api/v1/config/mailboxes", MAILBOX).json()["id"]

    response = send(client, "patch", f"/api/v1/config/mailboxes/{box_id}", {"port": 1993})

    assert response.status_code == 200 and response.json()["port"] == 1993
    assert Mailbox.objects.get(pk=box_id).password == "s3cret"  # noqa: S105


def test_new_password_is_saved_and_hidden_in_the_audit_log(api, personas):
    client = api.as_(personas.manager)
    box_id = send(client, "post", "/api/v1/config/mailboxes", MAILBOX).json()["id"]

    send(client, "patch", f"/api/v1/config/mailboxes/{box_id}", {"password": "n3w"})

    assert Mailbox.objects.get(pk=box_id).password == "n3w"  # noqa: S105
    entry = AuditEntry.objects.filter(kind="mailboxes.mailbox").latest("id")
    assert entry.actor_email == personas.manager.email
    assert "n3w" not in str(entry.changes) and "password" in entry.changes

"""Customers download the files on their own tickets from the portal: those they sent,
those an agent attached to a public reply, those that came by mail; never the files of
an internal note, never another organization's."""

import hashlib
from types import SimpleNamespace

import pytest
from django.urls import reverse

from charterdesk.core.vocabulary import Channel
from charterdesk.mail.models import Attachment, Blob, InboundMail
from charterdesk.tickets.models import Message
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

pytestmark = pytest.mark.django_db


def attach(message: Message | None, name: str, data: bytes, inbound=None) -> Attachment:  # type: ignore[no-untyped-def]
    blob = Blob.objects.create(sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data)
    return Attachment.objects.create(
        message=message,
        inbound=inbound,
        blob=blob,
        filename=name,
        content_type="text/plain",
        size=len(data),
    )


def test_customer_downloads_a_file_an_agent_attached_to_a_public_reply(  # type: ignore[no-untyped-def]
    personas: SimpleNamespace, login
) -> None:
    ticket = open_ticket("alice@acme.example")
    reply = message_add(ticket, personas.tier1, "Here is the fixed export.", "public")
    item = attach(reply, "fixed-export.csv", b"id,total\n1,10\n")
    client = login(personas.alice)
    page = client.get(reverse("portal:ticket", args=[ticket.pk])).content.decode()
    assert "fixed-export.csv" in page
    assert reverse("portal:attachment", args=[item.pk]) in page
    response = client.get(reverse("portal:attachment", args=[item.pk]))
    assert response.status_code == 200
    assert response.content == b"id,total\n1,10\n"
    assert response["Content-Disposition"].startswith("attachment")


def test_internal_note_file_stays_out_of_reach_even_with_its_address(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket("alice@acme.example")
    note = message_add(ticket, personas.tier2, "Stack trace from the logs.", "internal")
    item = attach(note, "server-log.txt", b"secret")
    client = login(personas.alice)
    assert client.get(reverse("portal:attachment", args=[item.pk])).status_code == 404
    assert (
        "server-log.txt"
        not in client.get(reverse("portal:ticket", args=[ticket.pk])).content.decode()
    )


def test_file_that_came_by_mail_downloads_from_the_portal(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket("alice@acme.example")
    message = message_add(
        ticket, None, "Screenshot attached.", "public", Channel.EMAIL, contact=ticket.requester
    )
    raw = Blob.objects.create(sha256="1" * 64, size=3, data=b"raw")
    mail = InboundMail.objects.create(
        raw=raw, source="test", content_hash="2" * 64, ticket=ticket, ticket_message=message
    )
    item = attach(None, "screenshot.txt", b"pixels", inbound=mail)
    client = login(personas.alice)
    response = client.get(reverse("portal:attachment", args=[item.pk]))
    assert response.status_code == 200
    assert response.content == b"pixels"


def test_another_organization_gets_not_found_for_the_reply_file(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket("alice@acme.example")
    reply = message_add(ticket, personas.tier1, "Attached.", "public")
    item = attach(reply, "acme-only.csv", b"acme")
    assert login(personas.bob).get(reverse("portal:attachment", args=[item.pk])).status_code == 404

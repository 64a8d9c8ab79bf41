"""Attachments and inline images of mail are kept with the message, once per content, and
listed but not kept above the size limit."""

import os
from email import message_from_bytes, policy
from pathlib import Path

from charterdesk.mail.models import Attachment, Blob, InboundMail, Outcome

from .conftest import compose

FIXTURES = Path(__file__).parent.parent / "mailparse" / "fixtures"


def with_files(raw: bytes, *files: tuple[bytes, str, str, str]) -> bytes:
    mail = message_from_bytes(raw, policy=policy.default)
    for data, maintype, subtype, filename in files:
        mail.add_attachment(data, maintype, subtype, filename=filename)  # type: ignore[attr-defined]
    return mail.as_bytes()


def test_attachments_and_inline_images_are_kept_for_agents(mail_in, login, personas):
    result = mail_in((FIXTURES / "nested.eml").read_bytes())  # from bob@globex.example

    assert result.outcome == Outcome.TICKET_CREATED
    image, invoice = Attachment.objects.filter(inbound__ticket_id=result.ticket)
    assert (image.filename, image.content_type, image.inline) == ("error.png", "image/png", True)
    assert image.content_id == "shot1@globex.example"
    assert (invoice.filename, invoice.content_type) == ("invoice-2026-11.pdf", "application/pdf")
    response = login(personas.tier1).get(f"/desk/mail/attachments/{invoice.pk}")
    assert response.status_code == 200
    assert b"".join(response).startswith(b"%PDF-1.4")
    assert login(personas.bob).get(f"/desk/mail/attachments/{invoice.pk}").status_code == 403


def test_an_attachment_over_the_limit_is_listed_but_not_kept(mail_in, settings, login, personas):
    settings.MAIL_MAX_ATTACHMENT_BYTES = 1000
    raw = with_files(
        compose(sender="bob@globex.example"),
        (b"x" * 5000, "text", "plain", "big.log"),
        (b"small", "text", "plain", "small.log"),
    )

    result = mail_in(raw)

    big, small = Attachment.objects.filter(inbound__ticket_id=result.ticket)
    assert (big.filename, big.size, big.blob_id) == ("big.log", 5000, None)
    assert big.note == "larger than the attachment size limit: not kept"
    assert bytes(small.blob.data) == b"small"
    assert login(personas.tier1).get(f"/desk/mail/attachments/{big.pk}").status_code == 404


def test_the_same_file_in_two_mails_is_stored_once(mail_in):
    contract = (b"%PDF-1.4 the same contract", "application", "pdf", "c.pdf")
    for subject in ("First", "Second"):
        mail_in(with_files(compose(subject=subject), contract))

    first, second = Attachment.objects.filter(filename="c.pdf")
    assert first.blob_id == second.blob_id
    assert Blob.objects.filter(pk=first.blob_id).count() == 1


def test_a_large_attachment_is_stored_byte_for_byte(mail_in):
    data = os.urandom(2 * 1024 * 1024)  # large enough for PostgreSQL's binary path

    result = mail_in(with_files(compose(), (data, "application", "octet-stream", "dump.bin")))

    (dump,) = Attachment.objects.filter(inbound__ticket_id=result.ticket)
    assert dump.size == len(data)
    assert bytes(dump.blob.data) == data
    raw = InboundMail.objects.get(ticket_id=result.ticket).raw
    assert raw.size > len(data)
    stored = bytes(Blob.objects.get(pk=raw.pk).data)
    assert stored.startswith(b"From: alice@acme.example")
    assert b'filename="dump.bin"' in stored

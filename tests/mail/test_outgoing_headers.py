"""Outgoing headers are right for any address and any text: no empty To:, no mail to an
IP-literal host or to something that is not an address (held with the reason instead),
no HTML entities in plain-text mail, and non-Latin attachment names kept on download."""

import pytest
from django.core import mail as sent_mail

from charterdesk.mail.models import Attachment, Delivery
from charterdesk.mail.outbox import mail_queue
from charterdesk.mail.sweep import outbox_sweep

from .conftest import compose
from .test_attachments import with_files

ACK = "mail/mail/acknowledgement"


@pytest.mark.parametrize("to", ["", "   ", [], ["", " "]])
def test_no_address_means_no_mail_not_an_empty_to(personas, to):
    assert mail_queue(to=to, template=ACK, context={}) is None


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("root@[127.0.0.1]", "IP address"),
        ("admin@10.0.0.7", "IP address"),
        ("alice@acme.example, mallory@evil.example", "not a mail address"),
        ("alice@acme.example\nBcc: mallory@evil.example", "not a mail address"),
        ("no-at-sign.example", "not a mail address"),
        ("someone@localhost", "no valid domain"),
    ],
)
def test_mail_to_what_is_not_an_address_is_held_with_the_reason(personas, address, why):
    before = len(sent_mail.outbox)

    mail = mail_queue(to=address, template=ACK, context={}, automatic=False)
    outbox_sweep()

    assert mail is not None
    mail.refresh_from_db()
    assert mail.state == Delivery.SUPPRESSED
    assert why in mail.last_error
    assert len(sent_mail.outbox) == before


def test_plain_text_mail_has_no_html_entities(mail_in):
    ticket = mail_in(compose(subject="Can't log in & <nothing> works")).ticket

    (ack,) = [m for m in sent_mail.outbox if f"[#{ticket}]" in m.subject]

    assert ack.subject == f"[#{ticket}] Can't log in & <nothing> works"
    assert "Can't log in & <nothing> works" in ack.body
    assert "&#x27;" not in ack.body and "&amp;" not in ack.body
    html = ack.alternatives[0][0] if ack.alternatives else ""
    assert "<nothing>" not in html  # the HTML part is still escaped


def test_an_attachment_keeps_its_non_latin_name_on_download(mail_in, login, personas):
    raw = with_files(compose(), (b"%PDF-1.4 invoice", "application", "pdf", "Счёт №7.pdf"))
    ticket = mail_in(raw).ticket
    item = Attachment.objects.get(inbound__ticket_id=ticket)

    response = login(personas.tier1).get(f"/desk/mail/attachments/{item.pk}")

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=utf-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%967.pdf" in disposition

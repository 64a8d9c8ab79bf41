"""Replies from Outlook, Gmail and Apple Mail: their quoting is stripped for display, the
original text stays whole."""

from charterdesk.mailparse import parse

from .conftest import parsed


def test_outlook_reply_shows_only_the_new_text_and_keeps_the_quote():
    mail = parsed("outlook_reply.eml")

    assert (
        mail.visible_text == "Hi,\n\nit works again after clearing the cache. Thank you!\n\nAlice"
    )
    assert "Please clear the browser cache and try again." in mail.text
    assert "Please clear the browser cache" in (mail.html or "")
    assert mail.references == ["q1@mail.acme.example", "outbox-42-2@charterdesk.example"]


def test_outlook_html_only_reply_stops_at_the_reply_header_block():
    mail = parsed("outlook_html_only.eml")

    assert mail.visible_text == "One more thing: it also happens on the mobile app."
    assert "Please clear the browser cache" in mail.text


def test_gmail_reply_with_a_wrapped_attribution_line():
    mail = parsed("gmail_reply.eml")

    assert mail.visible_text == "The invoice number is INV-2026-1107.\n\nBest regards,\nBob"
    assert "> Could you send us the invoice number?" in mail.text
    assert mail.in_reply_to == ["outbox-7-1@charterdesk.example"]


def test_apple_mail_reply_loses_the_quote_and_the_mobile_signature():
    mail = parsed("apple_mail_reply.eml")

    assert mail.visible_text == "Yes, Safari 18 on macOS 15. Private window works."
    assert "Which browser do you use?" in mail.text
    assert "Sent from my iPhone" in mail.text


def test_gmail_html_only_reply_drops_the_gmail_quote():
    raw = (
        b"From: bob@globex.example\nMessage-ID: <h@x>\n"
        b"Content-Type: text/html; charset=utf-8\n\n"
        b'<div dir="ltr">Thanks, that fixed it.</div><br><div class="gmail_quote">'
        b'<div class="gmail_attr">On Tue, Dec 1, 2026 Support wrote:</div>'
        b'<blockquote class="gmail_quote">Try again please.</blockquote></div>\n'
    )
    mail = parse(raw)

    assert mail.visible_text == "Thanks, that fixed it."
    assert "Try again please." in mail.text


def test_forwarded_message_is_not_cut_as_a_quote():
    raw = b"""From: alice@acme.example
Subject: Fwd: invoice
Message-ID: <fwd@acme.example>

See below, this came from our bank.

---------- Forwarded message ---------
From: Bank <noreply@bank.example>
Date: Mon, 30 Nov 2026 at 09:00
Subject: Invoice
To: <alice@acme.example>

Your invoice is overdue.
"""
    mail = parse(raw)

    assert "Your invoice is overdue." in mail.visible_text


def test_bottom_posted_reply_keeps_the_answer_below_the_quote():
    raw = b"""From: carol@initech.example
Message-ID: <bottom@initech.example>

On Tue, Dec 1, 2026 at 10:00 Support <support@charterdesk.example> wrote:
> Does the login work now?

Yes, it works now.
"""
    assert parse(raw).visible_text == "Yes, it works now."

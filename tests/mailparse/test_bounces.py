"""Delivery status notifications (RFC 3464) and the bounces of older servers."""

from charterdesk.mailparse import parse

from .conftest import parsed


def test_dsn_names_the_failed_recipient_status_and_original_message():
    bounce = parsed("dsn.eml").bounce

    assert bounce is not None
    assert bounce.recipients == ["nobody@acme.example"]
    assert bounce.status == "5.1.1"
    assert bounce.permanent
    assert bounce.diagnostic.startswith("550 5.1.1 <nobody@acme.example>: Recipient address")
    assert "User unknown in local recipient table" in bounce.diagnostic  # folded line joined
    assert bounce.original_message_id == "outbox-42-1@charterdesk.example"


def test_delayed_dsn_is_temporary_and_finds_the_original_in_message_rfc822():
    bounce = parsed("dsn_delayed.eml").bounce

    assert bounce is not None
    assert bounce.recipients == ["slow@globex.example"]
    assert (bounce.status, bounce.permanent) == ("4.4.1", False)
    assert bounce.diagnostic == "connect to mail.globex.example: Connection timed out"
    assert bounce.original_message_id == "outbox-7-1@charterdesk.example"


def test_success_notice_is_not_a_bounce():
    raw = parsed_raw_report(action="delivered", status="2.0.0")

    assert parse(raw).bounce is None


def test_plain_text_bounce_from_mailer_daemon():
    raw = b"""From: MAILER-DAEMON@old.example
To: support@charterdesk.example
Subject: failure notice
Message-ID: <qmail-1@old.example>

Hi. This is the qmail-send program at old.example.
I'm afraid I wasn't able to deliver your message to the following addresses.

<gone@globex.example>:
550 mailbox unavailable

--- Below this line is a copy of the message.

Message-ID: <outbox-3-1@charterdesk.example>
Subject: [#3] Hello
"""
    bounce = parse(raw).bounce

    assert bounce is not None
    assert bounce.recipients == ["gone@globex.example"]
    assert bounce.permanent
    assert bounce.diagnostic == "550 mailbox unavailable"
    assert bounce.original_message_id == "outbox-3-1@charterdesk.example"


def test_a_person_writing_about_undelivered_mail_is_not_a_bounce():
    raw = (
        b"From: alice@acme.example\nSubject: Undelivered mail?\nMessage-ID: <p@x>\n\nDid it fail?\n"
    )

    assert parse(raw).bounce is None


def parsed_raw_report(*, action: str, status: str) -> bytes:
    return f"""From: postmaster@mx.charterdesk.example
Subject: Successful Mail Delivery Report
Message-ID: <ok@mx.charterdesk.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Type: text/plain

Delivered.

--r
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.charterdesk.example

Final-Recipient: rfc822; alice@acme.example
Action: {action}
Status: {status}

--r--
""".encode()

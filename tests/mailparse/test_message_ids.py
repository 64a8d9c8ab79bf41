"""Message-IDs as mailers really send them: missing, doubled, without brackets."""

from charterdesk.mailparse import parse

from .conftest import parsed


def test_missing_message_id_is_none_and_noted():
    mail = parsed("no_message_id.eml")

    assert mail.message_id is None
    assert "missing Message-ID" in mail.defects
    assert mail.text == "The nightly job failed again."


def test_duplicate_message_id_uses_the_first_and_notes_it():
    mail = parsed("duplicate_message_id.eml")

    assert mail.message_id == "first@acme.example"
    assert "2 Message-ID headers; the first one is used" in mail.defects


def test_message_id_without_angle_brackets_is_still_read():
    mail = parse(b"From: alice@acme.example\nMessage-ID: bare-id@acme.example\n\nHi.\n")

    assert mail.message_id == "bare-id@acme.example"


def test_references_are_read_in_order_without_repeats():
    raw = (
        b"From: alice@acme.example\nMessage-ID: <r3@x>\nIn-Reply-To: <r2@x>\n"
        b"References: <r1@x>\n <r2@x> <r1@x>\n\nHi.\n"
    )

    mail = parse(raw)

    assert mail.references == ["r1@x", "r2@x"]
    assert mail.in_reply_to == ["r2@x"]

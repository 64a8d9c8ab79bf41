"""Damaged MIME: the message is read as far as it goes, what was wrong is noted."""

import pytest

from charterdesk.mailparse import MailParseError, parse

from .conftest import parsed


def test_boundary_that_never_appears_keeps_the_body_as_text():
    mail = parsed("broken_boundary.eml")

    assert mail.text == "Our mailer forgot the parts. The export still fails."
    assert "multipart boundary never appears; body read as text" in mail.defects


def test_missing_closing_boundary_keeps_the_parts_before_it():
    mail = parsed("unclosed_boundary.eml")

    assert mail.text == "The first part is fine."
    assert [a.filename for a in mail.attachments] == ["cut.pdf"]
    assert mail.attachments[0].payload.startswith(b"%PDF")
    assert "closing multipart boundary missing" in mail.defects


def test_damaged_base64_body_still_gives_text():
    raw = (
        b"From: bob@globex.example\nMessage-ID: <b64@x>\nContent-Type: text/plain\n"
        b"Content-Transfer-Encoding: base64\n\nSGVsbG8gd29ybGQ!!!\n"
    )

    mail = parse(raw)

    assert mail.text.startswith("Hello world")


def test_unknown_charset_label_falls_back_and_says_so():
    raw = (
        b"From: bob@globex.example\nMessage-ID: <cs@x>\n"
        b"Content-Type: text/plain; charset=x-made-up\n\nPlain words.\n"
    )

    mail = parse(raw)

    assert mail.text == "Plain words."
    assert any("unknown charset 'x-made-up'" in defect for defect in mail.defects)


@pytest.mark.parametrize("raw", [b"", b"   \r\n", b"just some words, no header at all"])
def test_input_that_is_not_mail_raises(raw):
    with pytest.raises(MailParseError):
        parse(raw)

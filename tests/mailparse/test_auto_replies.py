"""Mail no person typed: out-of-office, auto-replies, lists and bulk mail."""

import pytest

from charterdesk.mailparse import AutoKind, parse

from .conftest import parsed


def test_out_of_office_reply_is_recognised():
    mail = parsed("out_of_office.eml")

    assert mail.auto == AutoKind.OUT_OF_OFFICE
    assert "Out of Office" in mail.auto_reason
    assert mail.bounce is None


def test_exchange_automatic_reply_is_recognised():
    mail = parsed("out_of_office_exchange.eml")

    assert mail.auto == AutoKind.OUT_OF_OFFICE
    assert mail.auto_reason == "out-of-office subject 'Automatic reply:'"


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Auto-Submitted: auto-generated", AutoKind.AUTO_REPLY),
        ("X-Autoreply: yes", AutoKind.AUTO_REPLY),
        ("X-Auto-Response-Suppress: OOF, AutoReply", AutoKind.AUTO_REPLY),
        ("List-Id: <announce.lists.example>", AutoKind.LIST),
        ("Precedence: bulk", AutoKind.BULK),
        ("Return-Path: <>", AutoKind.AUTO_REPLY),
    ],
)
def test_machine_headers_mark_the_mail_automatic(header, kind):
    raw = f"From: x@globex.example\nSubject: Hello\nMessage-ID: <a@x>\n{header}\n\nHi.\n"

    assert parse(raw.encode()).auto == kind


def test_a_person_saying_auto_submitted_no_is_not_automatic():
    raw = b"From: alice@acme.example\nSubject: Absences report\nAuto-Submitted: no\n\nHi.\n"

    mail = parse(raw)

    assert mail.auto is None
    assert mail.auto_reason == ""


def test_subject_mentioning_holiday_in_the_middle_is_not_out_of_office():
    raw = b"From: alice@acme.example\nSubject: Question about out of office hours support\n\nHi\n"

    assert parse(raw).auto is None

"""Attachments: safe names, RFC 2231/2047 names, sniffed types, size limits."""

import os
import tracemalloc
from email.message import EmailMessage

import pytest

from charterdesk.mailparse import parse

from .conftest import parsed

MB = 1024 * 1024


def test_filenames_lose_their_directories():
    names = [a.filename for a in parsed("attachments.eml").attachments]

    assert names[0] == "report.pdf"  # was ..\..\windows\system32\report.pdf


def test_content_type_comes_from_the_bytes_when_the_label_is_generic_or_wrong():
    pdf, photo, log, unnamed = parsed("attachments.eml").attachments

    assert (pdf.declared_type, pdf.content_type) == ("application/octet-stream", "application/pdf")
    assert (photo.declared_type, photo.content_type) == ("image/jpeg", "image/png")
    assert log.content_type == "text/plain"
    assert unnamed.filename == "attachment-4.bin"
    assert unnamed.content_type == "application/octet-stream"
    assert unnamed.payload == bytes(range(10))


def test_rfc2231_continued_and_encoded_filenames():
    names = [a.filename for a in parsed("rfc2231_filename.eml").attachments]

    assert names == ["Verträge — München 2026.pdf", "résumé.pdf", "счет.pdf"]


def _with_attachment(size: int) -> bytes:
    mail = EmailMessage()
    mail["From"] = "bob@globex.example"
    mail["To"] = "support@charterdesk.example"
    mail["Subject"] = "Core dump"
    mail["Message-ID"] = f"<core-{size}@globex.example>"
    mail.set_content("The core dump of this morning's crash is attached.")
    mail.add_attachment(os.urandom(size), "application", "octet-stream", filename="core")
    return mail.as_bytes()


@pytest.fixture(scope="module")
def twenty_mb() -> bytes:
    return _with_attachment(20 * MB)


def test_a_20_mb_attachment_is_read_whole(twenty_mb):
    mail = parse(twenty_mb)

    (core,) = mail.attachments
    assert core.size == 20 * MB
    assert len(core.payload) == 20 * MB
    assert not core.too_large
    assert mail.text == "The core dump of this morning's crash is attached."


def test_an_attachment_over_the_limit_is_listed_but_not_kept(twenty_mb):
    mail = parse(twenty_mb, max_attachment_bytes=10 * MB)

    (core,) = mail.attachments
    assert core.too_large
    assert core.payload == b""
    assert core.size == 20 * MB
    assert core.filename == "core"


def test_parsing_a_20_mb_attachment_peaks_at_a_small_multiple_of_the_message(twenty_mb):
    tracemalloc.start()
    try:
        parse(twenty_mb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    # The standard parsebytes() copied the text into a StringIO at 4 bytes per character
    # and peaked near 8x the message; fed in pieces it stays under 4x.
    assert peak < 4 * len(twenty_mb)

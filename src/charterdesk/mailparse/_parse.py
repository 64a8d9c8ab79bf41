"""``parse``: raw RFC 5322 bytes to a ``ParsedMail``, whatever state the message is in.

The MIME tree comes from the standard ``email`` package (``compat32`` policy: it keeps
headers raw and never raises on bad input; the header objects of ``email.policy.default``
cost ten times more per message).  Every later step is guarded: a step that crashes costs
its field and adds a defect, never the message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email.feedparser import BytesFeedParser
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from typing import TypeVar

from ._auto import detect_auto
from ._bounce import detect_bounce
from ._headers import Headers, address_list, addresses, message_ids, parse_date, single_message_id
from ._html import html_to_text, sanitize_html
from ._model import AutoKind, Bounce, MailParseError, ParsedMail
from ._quotes import visible_text
from ._structure import Bodies, BodyWalker, parser_defects

DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
# Fed to the parser in pieces: ``BytesParser.parsebytes`` copies the whole message into a
# StringIO (four bytes per character), which made a 28 MB message peak at 220 MB.
_FEED_CHUNK = 64 * 1024
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+[ \t]*:")
_T = TypeVar("_T")


def parse(raw: bytes, *, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES) -> ParsedMail:
    """Parse one message.  Raises ``MailParseError`` only for input that is not mail at all."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise TypeError(f"parse() needs bytes, got {type(raw).__name__}")
    message = _message(bytes(raw))
    defects: list[str] = []
    headers = Headers(message, defects)
    bodies = Bodies()
    walker = BodyWalker(max_attachment_bytes, defects)
    _guard(defects, "reading the MIME parts", lambda: walker.collect(message, bodies), None)
    defects[:0] = _guard(
        defects, "listing parser defects", lambda: parser_defects(message), list[str]()
    )
    senders = _guard(
        defects, "reading From", lambda: addresses(headers, "from"), list[tuple[str, str]]()
    )
    if not senders:
        senders = _guard(defects, "reading Sender", lambda: addresses(headers, "sender"), senders)
    from_name, from_address = senders[0] if senders else ("", "")
    subject = _guard(defects, "reading Subject", lambda: headers.text("subject"), "")
    no_text: tuple[str, str | None, str] = ("", None, "")
    text, html, visible = _guard(defects, "reading the body", lambda: _texts(bodies), no_text)
    not_auto: tuple[AutoKind | None, str] = (None, "")
    auto = _guard(
        defects, "detecting auto-replies", lambda: detect_auto(headers, subject), not_auto
    )
    bounce: Bounce | None = _guard(
        defects,
        "reading the bounce report",
        lambda: detect_bounce(message, from_address, from_name, subject, text),
        None,
    )
    return ParsedMail(
        message_id=single_message_id(headers.raw("message-id"), defects),
        in_reply_to=message_ids(" ".join(headers.raw("in-reply-to"))),
        references=message_ids(" ".join(headers.raw("references"))),
        from_address=from_address,
        from_name=from_name,
        reply_to=_guard(defects, "reading Reply-To", lambda: address_list(headers, "reply-to"), []),
        to=_guard(defects, "reading To", lambda: address_list(headers, "to"), []),
        cc=_guard(defects, "reading Cc", lambda: address_list(headers, "cc"), []),
        delivered_to=_guard(defects, "reading Delivered-To", lambda: _delivered_to(headers), []),
        subject=subject,
        date=_guard(
            defects, "reading Date", lambda: parse_date(headers.first("date"), defects), None
        ),
        text=text,
        html=html,
        visible_text=visible,
        auto=auto[0],
        auto_reason=auto[1],
        bounce=bounce,
        attachments=bodies.attachments,
        defects=list(dict.fromkeys(defects)),
    )


def _message(raw: bytes) -> Message:
    if not raw.strip():
        raise MailParseError("empty input is not a mail message")
    try:
        message = _feed(raw)
    except RecursionError:  # absurdly deep nesting: keep the headers, read no parts
        message = BytesParser(policy=compat32).parsebytes(raw, headersonly=True)
        message.defects.append(_TooDeepError())  # type: ignore[arg-type]
    if not message.keys():
        raise MailParseError("no header lines: this is not a mail message")
    return message


def _feed(raw: bytes) -> Message:
    parser = BytesFeedParser(policy=compat32)
    view = memoryview(raw)
    for start in range(0, len(raw), _FEED_CHUNK):
        parser.feed(bytes(view[start : start + _FEED_CHUNK]))
    return parser.close()


class _TooDeepError(Exception):
    """MIME parts nested too deeply to parse; only the headers were read."""


def _texts(bodies: Bodies) -> tuple[str, str | None, str]:
    """(text, sanitized html, visible text) of the body parts."""
    plain = "\n\n".join(part.strip("\n") for part in bodies.plain if part.strip())
    raw_html = "\n".join(bodies.html) if bodies.html else None
    html = sanitize_html(raw_html) if raw_html is not None else None
    if plain.strip() or raw_html is None:
        return plain, html, visible_text(plain)
    text = html_to_text(raw_html)
    visible = visible_text(html_to_text(raw_html, strip_quotes=True))
    return text, html, visible if visible.strip() else text


def _delivered_to(headers: Headers) -> list[str]:
    found = address_list(headers, "delivered-to") + address_list(headers, "x-original-to")
    return list(dict.fromkeys(found))


def _guard(defects: list[str], step: str, run: Callable[[], _T], fallback: _T) -> _T:
    """Run one parsing step; if it crashes on this message, note it and use ``fallback``."""
    try:
        return run()
    except Exception as error:  # noqa: BLE001 - one bad field must not lose the message
        defects.append(f"{step} failed: {type(error).__name__}: {error}"[:300])
        return fallback

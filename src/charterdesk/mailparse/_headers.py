"""Header values as readable text: unfolded, 8-bit bytes and RFC 2047 words decoded.

Headers are read raw from the parsed message and decoded here, because the header
objects of ``email.policy.default`` cost about ten times more per message than the
whole rest of parsing (see "Reading mail" in docs/mail.md).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from ._charsets import DecodeNote, decode_bytes, decode_words

_FOLD = re.compile(r"\r?\n(?=[ \t])|\r?\n")
_SPACES = re.compile(r"\s+")
_ESCAPED_8BIT = re.compile("[\udc80-\udcff]")
_MESSAGE_ID = re.compile(r"<\s*([^<>\s]+?)\s*>")
_ADDR_SPEC = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Headers:
    """The headers of one message or part, by lowercased name, with what was wrong."""

    def __init__(self, message: Message, defects: list[str]) -> None:
        self._values: dict[str, list[str]] = {}
        self.defects = defects
        self._reported_8bit = False
        for name, value in message.raw_items():
            if not isinstance(value, str):  # a Header object set by code, not parsed
                value = str(value)
            self._values.setdefault(name.strip().lower(), []).append(value)

    def raw(self, name: str) -> list[str]:
        """Unfolded values of header ``name`` with 8-bit bytes decoded, RFC 2047 left as is."""
        return [self._unfold(value) for value in self._values.get(name, ())]

    def first(self, name: str) -> str:
        values = self._values.get(name)
        return self._unfold(values[0]) if values else ""

    def has(self, name: str) -> bool:
        return name in self._values

    def text(self, name: str) -> str:
        """The first value of ``name``, decoded and whitespace-normalised."""
        return self.decode(self.first(name))

    def decode(self, value: str) -> str:
        note = DecodeNote()
        decoded = decode_words(value, note)
        if note.text:
            self.defects.append(f"encoded word in header: {note.text}")
        return _SPACES.sub(" ", _CONTROL.sub("", decoded)).strip()

    def _unfold(self, value: str) -> str:
        value = _FOLD.sub("", value)
        if _ESCAPED_8BIT.search(value) is None:
            return value
        if not self._reported_8bit:
            self.defects.append("raw 8-bit bytes in headers (not RFC 2047 encoded)")
            self._reported_8bit = True
        raw = value.encode("ascii", errors="surrogateescape")
        return decode_bytes(raw, "utf-8")


def message_ids(value: str) -> list[str]:
    """Message ids in ``value`` without <>, in order, without duplicates."""
    found = _MESSAGE_ID.findall(value)
    if not found:
        found = [word.strip("<>") for word in value.split() if "@" in word]
    return list(dict.fromkeys(found))


def single_message_id(values: list[str], defects: list[str]) -> str | None:
    if len(values) > 1:
        defects.append(f"{len(values)} Message-ID headers; the first one is used")
    for value in values[:1]:
        ids = message_ids(value)
        if ids:
            return ids[0]
        if value.strip():
            return value.strip().strip("<>").strip() or None
    defects.append("missing Message-ID")
    return None


def addresses(headers: Headers, name: str) -> list[tuple[str, str]]:
    """(display name, lowercased addr-spec) pairs of every ``name`` header."""
    pairs: list[tuple[str, str]] = []
    for value in headers.raw(name):
        found = [(n, a) for n, a in getaddresses([value]) if "@" in a]
        if not found:  # getaddresses gave up: take anything shaped like an address
            found = [("", a) for a in _ADDR_SPEC.findall(decode_words(value))]
        for display, addr in found:
            pairs.append((headers.decode(display), addr.strip().strip("<>").lower()))
    return pairs


def address_list(headers: Headers, name: str) -> list[str]:
    return list(dict.fromkeys(addr for _, addr in addresses(headers, name)))


def parse_date(value: str, defects: list[str]) -> datetime | None:
    if not value.strip():
        defects.append("missing Date")
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append(f"unreadable Date {value[:60]!r}")
        return None
    if moment.tzinfo is None:  # "-0000": the sender did not know its offset; RFC 5322 says UTC
        moment = moment.replace(tzinfo=UTC)
    return moment

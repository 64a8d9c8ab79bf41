"""Bytes to text whatever the label says: declared charset, then UTF-8, then Windows-1252.

Also RFC 2047 encoded words (``=?charset?B|Q?...?=``), decoded leniently: bad base64
padding, unknown charsets and words split in the middle of a multibyte character all
come out as readable text.
"""

from __future__ import annotations

import binascii
import codecs
import re

# Labels mail clients use for charsets that have a practical superset in Python.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "cp936": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "us-ascii": "ascii",
    "ascii": "ascii",
    "ansi_x3.4-1968": "ascii",
    "iso-8859-8-i": "iso-8859-8",
}
# Canonical names as ``codecs.lookup(...).name`` spells them ("iso8859-1", "utf-8"), which
# is what ``codec_for`` returns: compare against these, never against hand-written spellings.
_LATIN_1 = codecs.lookup("latin-1").name
_UTF_8 = codecs.lookup("utf-8").name
_ASCII = codecs.lookup("ascii").name
_C1_CONTROLS = re.compile(rb"[\x80-\x9f]")
_NOT_CHARSET = re.compile(r"[^a-z0-9_.:\-]")


class DecodeNote:
    """What went wrong while decoding one piece of text; '' when nothing did."""

    __slots__ = ("text",)

    def __init__(self) -> None:
        self.text = ""


def codec_for(label: str | None) -> str | None:
    """The Python codec to try for a MIME charset label, or None if there is none."""
    if not label:
        return None
    name = _NOT_CHARSET.sub("", label.strip().strip("\"'").lower())
    name = _SUPERSETS.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # base64, rot13, zlib...: real codecs, not charsets
    return info.name


def decode_bytes(data: bytes, label: str | None, note: DecodeNote | None = None) -> str:
    """Decode ``data`` labelled with charset ``label``; never raises.

    Order: the declared charset (ISO-8859-1 with C1 bytes is read as Windows-1252),
    UTF-8, Windows-1252 with replacement characters.  ``note`` learns about any fallback.
    """
    codec = codec_for(label)
    if codec == _LATIN_1 and _C1_CONTROLS.search(data):
        codec = "cp1252"
    if codec is None and label and label.strip().lower() not in ("", "unknown-8bit", "x-unknown"):
        _tell(note, f"unknown charset {label!r}")
    if codec is not None:
        text = _try(data, codec)
        if text is not None:
            return text
        _tell(note, f"text is not valid {label}")
    if codec != _UTF_8:
        text = _try(data, _UTF_8)
        if text is not None:
            return text
    if codec is not None and codec not in (_ASCII, _UTF_8, _LATIN_1):
        return data.decode(codec, errors="replace")  # mostly right beats entirely wrong
    return data.decode("cp1252", errors="replace")


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


def _tell(note: DecodeNote | None, message: str) -> None:
    if note is not None and not note.text:
        note.text = message


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"[ \t\r\n]*")
_Q_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")


def has_encoded_words(text: str) -> bool:
    return "=?" in text and _ENCODED_WORD.search(text) is not None


def decode_words(text: str, note: DecodeNote | None = None) -> str:
    """Replace RFC 2047 encoded words in ``text``; whitespace between adjacent words goes.

    Adjacent words in the same charset are joined as bytes before decoding, so a character
    split across two words survives.
    """
    if "=?" not in text:
        return text
    out: list[str] = []
    pending: list[bytes] = []
    pending_charset = ""
    position = 0
    for match in _ENCODED_WORD.finditer(text):
        gap = text[position : match.start()]
        charset = match.group(1).split("*", 1)[0].lower()  # drop an RFC 2231 language
        joins_previous = bool(pending) and _BETWEEN_WORDS.fullmatch(gap) is not None
        if pending and not (joins_previous and charset == pending_charset):
            out.append(decode_bytes(b"".join(pending), pending_charset, note))
            pending = []
        if not joins_previous:
            out.append(gap)
        pending_charset = charset
        pending.append(_word_bytes(match.group(2), match.group(3)))
        position = match.end()
    if pending:
        out.append(decode_bytes(b"".join(pending), pending_charset, note))
    out.append(text[position:])
    return "".join(out)


def _word_bytes(encoding: str, payload: str) -> bytes:
    raw = payload.encode("ascii", errors="replace")
    if encoding in "qQ":
        return _Q_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw.replace(b"_", b" "))
    raw = raw.rstrip(b"=")
    raw += b"=" * (-len(raw) % 4)
    try:
        return binascii.a2b_base64(raw)
    except binascii.Error:
        return raw  # not base64 at all: show it as it came

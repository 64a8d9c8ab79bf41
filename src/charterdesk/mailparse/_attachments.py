"""One MIME leaf part as an ``Attachment``: safe filename, sniffed type, payload once."""

from __future__ import annotations

import binascii
import re
from email.message import Message

from ._charsets import decode_bytes, decode_words
from ._model import Attachment
from ._sniff import _GUESSER, normalise_type, sniff

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]+')
_ESCAPED_8BIT = re.compile("[\udc80-\udcff]")
_WHITESPACE = re.compile(r"\s+")
_MAX_NAME = 180
_EXTENSIONS = {
    "message/rfc822": ".eml",
    "message/delivery-status": ".txt",
    "text/rfc822-headers": ".txt",
    "text/plain": ".txt",
    "text/html": ".html",
    "text/calendar": ".ics",
    "image/jpeg": ".jpg",
    "application/octet-stream": ".bin",
}


def build_attachment(part: Message, index: int, max_bytes: int, defects: list[str]) -> Attachment:
    declared = normalise_type(part.get_content_type())
    filename = safe_filename(raw_filename(part, defects), index, declared)
    content_id = _content_id(part)
    disposition = str(part.get("content-disposition", "")).split(";", 1)[0].strip().lower()
    inline = disposition == "inline" or (not disposition and content_id is not None)
    size = _base64_size(part)
    if size is not None and size > max_bytes:
        payload = b""  # too large: never decoded
    else:
        payload = part_bytes(part, defects)
        size = len(payload)
    too_large = size > max_bytes
    if too_large:
        payload = b""
    return Attachment(
        filename=filename,
        content_type=declared if too_large else sniff(payload, declared, filename),
        declared_type=declared,
        size=size,
        content_id=content_id,
        inline=inline,
        payload=payload,
        too_large=too_large,
    )


def raw_filename(part: Message, defects: list[str]) -> str:
    """The filename as the sender meant it: RFC 2231 and RFC 2047 decoded, path and all."""
    try:
        name = part.get_filename() or part.get_param("name") or ""
    except (ValueError, LookupError, TypeError, IndexError):
        defects.append("unreadable attachment filename parameter")
        return ""
    if not isinstance(name, str):  # get_param can hand back an undecoded RFC 2231 tuple
        name = str(name[2]) if isinstance(name, tuple) else ""
    if _ESCAPED_8BIT.search(name):
        name = decode_bytes(name.encode("ascii", errors="surrogateescape"), "utf-8")
    return decode_words(name)


def safe_filename(name: str, index: int, content_type: str) -> str:
    """A name to store and offer for download: no directories, no control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _WHITESPACE.sub(" ", _UNSAFE.sub("_", name)).strip(" ._")
    if len(name) > _MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        extension = extension[:16] if dot and stem else ""
        name = name[: _MAX_NAME - len(extension) - 1].rstrip(" .") + (dot + extension)
    if name:
        return name
    extension = _EXTENSIONS.get(content_type) or _GUESSER.guess_extension(content_type) or ".bin"
    return f"attachment-{index}{extension}"


def part_bytes(part: Message, defects: list[str]) -> bytes:
    """The decoded payload of a leaf part (or of a message/* part, re-serialised)."""
    payload = part.get_payload()
    if isinstance(payload, list):  # message/rfc822, message/delivery-status
        try:
            return b"".join(inner.as_bytes() for inner in payload if isinstance(inner, Message))
        except (ValueError, LookupError, TypeError, UnicodeError):
            defects.append(f"could not re-serialise a {part.get_content_type()} part")
            return b""
    if not isinstance(payload, str):
        return b""
    if _transfer_encoding(part) == "base64":
        try:
            return binascii.a2b_base64(payload)  # one copy, straight from the parsed text
        except (binascii.Error, ValueError):
            defects.append("damaged base64 in an attachment")
    decoded = part.get_payload(decode=True)
    return decoded if isinstance(decoded, bytes) else b""


def _transfer_encoding(part: Message) -> str:
    return str(part.get("content-transfer-encoding", "")).strip().lower()


def _base64_size(part: Message) -> int | None:
    """The decoded size of a base64 payload, counted without decoding it."""
    payload = part.get_payload()
    if not isinstance(payload, str) or _transfer_encoding(part) != "base64":
        return None
    characters = len(payload) - sum(payload.count(space) for space in "\r\n\t ")
    padding = payload[-8:].count("=")
    return max(characters * 3 // 4 - padding, 0)


def _content_id(part: Message) -> str | None:
    value = part.get("content-id")
    if value is None:
        return None
    value = str(value).strip().strip("<>").strip()
    return value or None

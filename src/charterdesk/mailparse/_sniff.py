"""The content type of attachment bytes, from their first bytes (magic numbers)."""

from __future__ import annotations

import mimetypes

_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # old .doc/.xls/.msg
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"BEGIN:VCALENDAR", "text/calendar"),
)
GENERIC_TYPES = frozenset(
    {
        "",
        "application/octet-stream",
        "application/x-download",
        "application/force-download",
        "application/download",
        "application/unknown",
        "application/binary",
        "binary/octet-stream",
        "application/x-unknown",
        "unknown/unknown",
    }
)
_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "image/x-png": "image/png"}
# Formats whose files are zip or OLE containers: a zip or OLE signature does not contradict them.
_CONTAINER_HINTS = ("zip", "openxmlformats", "opendocument", "epub", "java-archive", "ms-")
_TEXT_PROBE = 1024


def normalise_type(content_type: str) -> str:
    content_type = content_type.strip().lower()
    return _ALIASES.get(content_type, content_type)


def magic_type(payload: bytes) -> str | None:
    head = payload[:16]
    for signature, content_type in _MAGIC:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and payload[8:12] == b"WEBP":
        return "image/webp"
    return None


def looks_like_text(payload: bytes) -> bool:
    probe = payload[:_TEXT_PROBE]
    if not probe or b"\x00" in probe:
        return False
    try:
        probe.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(probe) - 3:  # a character cut at the probe's end is fine
            return False
    return True


def sniff(payload: bytes, declared: str, filename: str) -> str:
    """What the attachment really is: the declared type unless it is generic or lies."""
    declared = normalise_type(declared)
    found = magic_type(payload)
    if found is not None:
        return declared if _contains(declared, found) else found
    claimed = declared
    if declared in GENERIC_TYPES:
        guessed, _ = _GUESSER.guess_type(filename, strict=False)
        claimed = normalise_type(guessed or "")
    if claimed in GENERIC_TYPES or claimed in _SIGNED_TYPES:  # a signature would have matched
        return "text/plain" if looks_like_text(payload) else "application/octet-stream"
    return claimed


def _contains(declared: str, found: str) -> bool:
    if found == declared:
        return True
    if found in ("application/zip", "application/x-ole-storage"):
        return any(hint in declared for hint in _CONTAINER_HINTS)
    return False


_GUESSER = mimetypes.MimeTypes()  # the built-in table only: the same answer on every host
_SIGNED_TYPES = frozenset({content_type for _, content_type in _MAGIC} | {"image/webp"})

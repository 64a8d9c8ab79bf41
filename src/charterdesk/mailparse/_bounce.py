"""Delivery failure reports: RFC 3464 DSNs and the plain-text bounces of older servers."""

from __future__ import annotations

import re
from email.message import Message

from ._headers import message_ids
from ._model import Bounce

_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.MULTILINE)
_BLOCK_BREAK = re.compile(r"\r?\n[ \t]*\r?\n")
_STATUS = re.compile(r"\b([245]\.\d{1,3}\.\d{1,3})\b")
_SMTP_CODE = re.compile(r"\b([45][0-5]\d)[ -]")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_MESSAGE_ID_LINE = re.compile(r"^Message-ID:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)
_DAEMON = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mdaemon)\b", re.IGNORECASE)
_DAEMON_NAME = re.compile(r"mail delivery|mailer-daemon|postmaster", re.IGNORECASE)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery status notification|mail delivery failed|failure notice"
    r"|returned mail|delivery failure|could not be delivered|not delivered|delivery has failed"
    r"|unzustellbar|nicht zugestellt|non remis|no entregado|unable to deliver",
    re.IGNORECASE,
)
_ORIGINAL_MARKER = re.compile(
    r"^.*(?:original message|below this line|copy of the message|returned message"
    r"|message headers follow|original headers|undelivered message).*$",
    re.IGNORECASE | re.MULTILINE,
)
_TEMPORARY = re.compile(r"delayed|will (?:be )?retr|temporar|still trying|deferred", re.I)


def detect_bounce(
    root: Message, from_address: str, from_name: str, subject: str, text: str
) -> Bounce | None:
    """The bounce ``root`` reports, or None if it is not a delivery failure report."""
    if root.get_content_type() == "multipart/report":
        report_type = str(root.get_param("report-type") or "").lower()
        status_part = _find(root, "message/delivery-status")
        if report_type == "delivery-status" or status_part is not None:
            if status_part is None:
                return None
            return _from_dsn(root, _part_text(status_part))
    if _looks_like_plain_bounce(from_address, from_name, subject):
        return _from_text(root, text, from_address)
    return None


def _from_dsn(root: Message, report: str) -> Bounce | None:
    failed: list[dict[str, str]] = []
    for block in _BLOCK_BREAK.split(report):
        fields = {name.lower(): value.strip() for name, value in _FIELD.findall(block)}
        recipient = fields.get("original-recipient") or fields.get("final-recipient")
        if not recipient:
            continue
        action = fields.get("action", "").lower()
        status = fields.get("status", "")
        if action in ("failed", "delayed") or (not action and status[:1] in ("4", "5")):
            fields["recipient"] = recipient.rsplit(";", 1)[-1].strip().strip("<>").lower()
            failed.append(fields)
    if not failed:
        return None  # a success notice (delivered, relayed, expanded)
    first = failed[0]
    status_match = _STATUS.search(first.get("status", ""))
    action = first.get("action", "").lower()
    status = (
        status_match.group(1) if status_match else ("4.0.0" if action == "delayed" else "5.0.0")
    )
    diagnostic = first.get("diagnostic-code", "")
    return Bounce(
        recipients=list(dict.fromkeys(fields["recipient"] for fields in failed)),
        status=status,
        permanent=status.startswith("5") and action != "delayed",
        diagnostic=_clean_diagnostic(diagnostic),
        original_message_id=_original_message_id(root, ""),
    )


def _from_text(root: Message, text: str, from_address: str) -> Bounce | None:
    marker = _ORIGINAL_MARKER.search(text)
    report, returned = (text[: marker.start()], text[marker.end() :]) if marker else (text, "")
    recipients = [
        address.lower()
        for address in _ADDRESS.findall(report)
        if address.lower() != from_address and not _DAEMON.match(address)
    ]
    status_match = _STATUS.search(report)
    code_match = _SMTP_CODE.search(report)
    if status_match:
        status = status_match.group(1)
    elif code_match:
        status = f"{code_match.group(1)[0]}.0.0"
    else:
        status = "4.0.0" if _TEMPORARY.search(report) else "5.0.0"
    found = status_match or code_match
    return Bounce(
        recipients=list(dict.fromkeys(recipients)),
        status=status,
        permanent=status.startswith("5"),
        diagnostic=_line_around(report, found.start()) if found else _first_line(report),
        original_message_id=_original_message_id(root, returned),
    )


def _looks_like_plain_bounce(from_address: str, from_name: str, subject: str) -> bool:
    from_daemon = bool(_DAEMON.match(from_address) or _DAEMON_NAME.search(from_name))
    return from_daemon and _BOUNCE_SUBJECT.search(subject) is not None


def _original_message_id(root: Message, returned_text: str) -> str | None:
    """The Message-ID of the returned message: from a message/rfc822 or headers part, or
    from the copy quoted in a plain-text bounce."""
    for part in root.walk():
        content_type = part.get_content_type()
        if content_type in ("message/rfc822", "message/rfc822-headers"):
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                ids = message_ids(str(inner[0].get("message-id", "")))
                if ids:
                    return ids[0]
        if content_type in ("text/rfc822-headers", "message/rfc822-headers"):
            returned_text = _part_text(part) + "\n" + returned_text
    match = _MESSAGE_ID_LINE.search(returned_text)
    ids = message_ids(match.group(1)) if match else []
    return ids[0] if ids else None


def _find(root: Message, content_type: str) -> Message | None:
    for part in root.walk():
        if part.get_content_type() == content_type:
            return part
    return None


def _part_text(part: Message) -> str:
    payload = part.get_payload()
    if isinstance(payload, list):  # the parser splits delivery-status into header blocks
        return "\n\n".join(
            "\n".join(f"{name}: {value}" for name, value in block.raw_items())
            for block in payload
            if isinstance(block, Message)
        )
    decoded = part.get_payload(decode=True)
    if isinstance(decoded, bytes):
        return decoded.decode("utf-8", errors="replace")
    return str(payload or "")


def _clean_diagnostic(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip()
    kind, separator, rest = value.partition(";")
    return rest.strip() if separator and kind.strip().lower() in ("smtp", "x-postfix") else value


def _line_around(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end != -1 else len(text)].strip()[:500]


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:500]

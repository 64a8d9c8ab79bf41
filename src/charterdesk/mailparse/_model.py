"""The values ``parse`` returns: plain frozen dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MailParseError(ValueError):
    """The input is not mail at all (empty, or no header lines whatsoever)."""


class AutoKind(StrEnum):
    AUTO_REPLY = "auto_reply"
    BULK = "bulk"
    LIST = "list"
    OUT_OF_OFFICE = "out_of_office"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    declared_type: str
    size: int
    content_id: str | None
    inline: bool
    payload: bytes
    too_large: bool = False

    def __repr__(self) -> str:  # keep the payload out of logs and test failures
        return (
            f"Attachment(filename={self.filename!r}, content_type={self.content_type!r}, "
            f"declared_type={self.declared_type!r}, size={self.size}, "
            f"content_id={self.content_id!r}, inline={self.inline}, too_large={self.too_large})"
        )


@dataclass(frozen=True)
class Bounce:
    recipients: list[str]
    status: str
    permanent: bool
    diagnostic: str
    original_message_id: str | None


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None
    in_reply_to: list[str]
    references: list[str]
    from_address: str
    from_name: str
    reply_to: list[str]
    to: list[str]
    cc: list[str]
    delivered_to: list[str]
    subject: str
    date: datetime | None
    text: str
    html: str | None
    visible_text: str
    auto: AutoKind | None
    auto_reason: str
    bounce: Bounce | None
    attachments: list[Attachment]
    defects: list[str]

"""Reading the CSV of past tickets: one `ImportRow` per good line, one `BadRow` (with its
line number and what is wrong) per bad one. Nothing here touches the database."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from charterdesk.core.vocabulary import Channel, Priority, RequestType
from charterdesk.tickets.classify import guess_request_type
from charterdesk.tickets.models import Status
from charterdesk.tickets.services.categories import category_path_parts

COLUMNS = (
    "external_id",
    "subject",
    "body",
    "category",
    "request_type",
    "priority",
    "status",
    "created_at",
    "solved_at",
    "requester_email",
    "requester_name",
    "organization",
    "channel",
    "product",
)
REQUIRED = ("external_id", "subject", "created_at", "requester_email")
SOLVED = (Status.SOLVED, Status.CLOSED)


@dataclass(frozen=True)
class ImportRow:
    line: int
    external_id: str
    subject: str
    body: str
    category: tuple[str, ...]
    request_type: str
    type_guessed: bool
    priority: str
    status: str
    created_at: datetime
    solved_at: datetime | None
    requester_email: str
    requester_name: str
    organization: str
    channel: str
    product: str


@dataclass(frozen=True)
class BadRow:
    line: int
    problem: str


class RowError(ValueError):
    pass


def missing_columns(header: Iterable[str]) -> list[str]:
    return [name for name in REQUIRED if name not in set(header)]


def read_rows(lines: Iterable[str]) -> Iterator[ImportRow | BadRow]:
    """Each data line of the CSV, checked; the header names the columns (any order,
    unknown ones ignored). Raises RowError when a required column is missing."""
    reader = csv.DictReader(lines)
    missing = missing_columns(reader.fieldnames or [])
    if missing:
        raise RowError(f"the header lacks the column(s): {', '.join(missing)}")
    for record in reader:
        line = reader.line_num
        try:
            yield _row(line, {k: (v or "").strip() for k, v in record.items() if k})
        except RowError as exc:
            yield BadRow(line, str(exc))


def _row(line: int, cells: dict[str, str]) -> ImportRow:
    for name in REQUIRED:
        if not cells.get(name):
            raise RowError(f"{name} is empty")
    if len(cells["external_id"]) > 100:
        raise RowError("external_id is longer than 100 characters")
    email = cells["requester_email"].lower()
    if "@" not in email or len(email) > 254 or " " in email:
        raise RowError(f"requester_email '{email[:60]}' is not an address")
    subject, body = cells["subject"][:250], cells.get("body") or cells["subject"]
    created = _when("created_at", cells["created_at"])
    if created is None:
        raise RowError("created_at is empty")
    solved = _when("solved_at", cells.get("solved_at", ""))
    if solved is not None and solved < created:
        raise RowError("solved_at is before created_at")
    status = _choice("status", cells.get("status", ""), Status, "solved" if solved else "open")
    if status in SOLVED and solved is None:
        solved = created
    request_type = cells.get("request_type", "")
    return ImportRow(
        line=line,
        external_id=cells["external_id"],
        subject=subject,
        body=body,
        category=tuple(category_path_parts(cells.get("category", ""))),
        request_type=_choice("request_type", request_type, RequestType, "")
        or guess_request_type(subject, body),
        type_guessed=not request_type,
        priority=_choice("priority", cells.get("priority", ""), Priority, Priority.NORMAL),
        status=status,
        created_at=created,
        solved_at=solved if status in SOLVED else None,
        requester_email=email,
        requester_name=cells.get("requester_name", "")[:200],
        organization=cells.get("organization", "")[:200],
        channel=_choice("channel", cells.get("channel", ""), Channel, Channel.EMAIL),
        product=cells.get("product", "")[:100],
    )


Choices = type[Channel | Priority | RequestType | Status]
# Each column's words: its values and its labels, lower case ("Waiting on customer").
_WORDS: dict[Choices, dict[str, str]] = {
    kind: {
        **{str(label).lower(): value for value, label in kind.choices},
        **{value: value for value in kind.values},
    }
    for kind in (Channel, Priority, RequestType, Status)
}


def _choice(name: str, text: str, choices: Choices, default: str) -> str:
    if not text:
        return default
    words = _WORDS[choices]
    value = words.get(text.lower().replace("-", "_").replace(" ", "_")) or words.get(text.lower())
    if value is None:
        raise RowError(f"{name} '{text[:40]}' is not one of: {', '.join(choices.values)}")
    return value


def _when(name: str, text: str) -> datetime | None:
    """ISO 8601 ("2026-03-01 14:05", "2026-03-01T14:05:00+01:00"); without an offset, UTC."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RowError(f"{name} '{text[:40]}' is not a date and time (2026-03-01 14:05)") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)

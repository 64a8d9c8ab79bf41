"""Writing checked rows of past tickets, one chunk at a time and set-based: the
categories, organizations and contacts a chunk names are looked up (and the missing ones
created) in a few queries, then its tickets, first messages, history lines and import
records are inserted in bulk. The caller owns one transaction per chunk.

Imported tickets are history: no mail is sent (nothing goes through the outbox), no SLA
clock is started, no routing rule or hook runs. The search index's triggers index each
ticket with its first message, in the same INSERTs."""

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models.functions import Lower
from django.utils import timezone

from charterdesk.core.vocabulary import Alternative, Decision, RequestType
from charterdesk.customers.models import Contact, Organization
from charterdesk.routing.services import queue_for_request
from charterdesk.search import vocabulary
from charterdesk.tickets.category_models import CategorySource
from charterdesk.tickets.models import (
    EventKind,
    Message,
    Ticket,
    TicketEvent,
    TypeSource,
    Visibility,
)
from charterdesk.tickets.services.categories import category_path_ensure, how_text

from ..models import ImportedTicket
from .bulk import insert, reserve_ids
from .rows import BadRow, ImportRow

CHUNK = 5_000
TICKET_COLUMNS = (
    "id",
    "organization",
    "requester",
    "subject",
    "request_type",
    "type_source",
    "priority",
    "status",
    "channel",
    "product",
    "language",
    "queue",
    "coverage",
    "coverage_reason",
    "coverage_alternative",
    "attention_at",
    "created_at",
    "updated_at",
    "solved_at",
    "category",
    "category_source",
)
MESSAGE_COLUMNS = (
    "ticket",
    "author_contact",
    "from_staff",
    "visibility",
    "channel",
    "body",
    "created_at",
)
EVENT_COLUMNS = (
    "ticket",
    "kind",
    "field",
    "old_value",
    "new_value",
    "note",
    "internal",
    "created_at",
)
COVERAGE_REASON = "Imported from another help desk: its coverage was decided there."


@dataclass
class ImportSummary:
    read: int = 0
    imported: int = 0
    already: int = 0
    bad: list[BadRow] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)


class TicketImport:
    """One import run: `load(chunk)` for each chunk, inside the caller's transaction."""

    def __init__(self, source: str, *, now: datetime | None = None) -> None:
        self.source = source[:200]
        self.now = now or timezone.now()
        self.summary = ImportSummary()
        self.seen: dict[str, int] = {}
        self.categories: dict[tuple[str, ...], tuple[int, str]] = {}
        self.organizations: dict[str, int] = {}
        self.contacts: dict[str, tuple[int, int | None]] = {}
        self.queues = {kind: queue_for_request(kind).pk for kind in RequestType.values}

    def load(self, chunk: list[ImportRow | BadRow]) -> None:
        self.summary.read += len(chunk)
        rows = self._new_rows(chunk)
        if not rows:
            return
        self._ensure_categories(rows)
        self._ensure_organizations(rows)
        self._ensure_contacts(rows)
        ids = reserve_ids(Ticket, len(rows))
        insert(
            Ticket,
            TICKET_COLUMNS,
            [self._ticket(pk, row) for pk, row in zip(ids, rows, strict=True)],
        )
        insert(
            Message,
            MESSAGE_COLUMNS,
            [self._message(pk, row) for pk, row in zip(ids, rows, strict=True)],
        )
        insert(
            TicketEvent,
            EVENT_COLUMNS,
            [line for pk, row in zip(ids, rows, strict=True) for line in self._history(pk, row)],
        )
        insert(
            ImportedTicket,
            ("ticket", "external_id", "source", "line", "imported_at"),
            [
                (pk, row.external_id, self.source, row.line, self.now)
                for pk, row in zip(ids, rows, strict=True)
            ],
        )
        vocabulary.remember(row.subject for row in rows)
        self.summary.imported += len(rows)

    def _new_rows(self, chunk: list[ImportRow | BadRow]) -> list[ImportRow]:
        """The good rows not imported before (by this run or an earlier one)."""
        good: list[ImportRow] = []
        for row in chunk:
            if isinstance(row, BadRow):
                self.summary.bad.append(row)
            elif row.external_id in self.seen:
                first = self.seen[row.external_id]
                self.summary.bad.append(
                    BadRow(row.line, f"external_id {row.external_id} repeats line {first}")
                )
            else:
                self.seen[row.external_id] = row.line
                good.append(row)
        done = set(
            ImportedTicket.objects.filter(
                external_id__in=[row.external_id for row in good]
            ).values_list("external_id", flat=True)
        )
        self.summary.already += len(done)
        return [row for row in good if row.external_id not in done]

    def _ensure_categories(self, rows: list[ImportRow]) -> None:
        for parts in sorted({row.category for row in rows if row.category}):
            key = tuple(p.casefold() for p in parts)
            if key not in self.categories:
                category, created = category_path_ensure(parts)
                self.categories[key] = (category.pk, category.path)
                self.summary.categories.extend(c.path for c in created)

    def _ensure_organizations(self, rows: list[ImportRow]) -> None:
        wanted = {r.organization.casefold(): r.organization for r in rows if r.organization}
        missing = set(wanted) - set(self.organizations)
        if not missing:
            return
        found = Organization.objects.annotate(key=Lower("name")).filter(key__in=missing)
        self.organizations.update(found.values_list("key", "pk"))
        new = [Organization(name=wanted[k]) for k in sorted(missing - set(self.organizations))]
        for org in Organization.objects.bulk_create(new):
            self.organizations[org.name.casefold()] = org.pk
            self.summary.organizations.append(org.name)

    def _ensure_contacts(self, rows: list[ImportRow]) -> None:
        wanted = {r.requester_email: r for r in rows}
        missing = set(wanted) - set(self.contacts)
        if not missing:
            return
        for email, pk, org in Contact.objects.filter(email__in=missing).values_list(
            "email", "pk", "organization_id"
        ):
            self.contacts[email] = (pk, org)
        new = [
            Contact(
                email=email,
                name=wanted[email].requester_name,
                organization_id=self.organizations.get(wanted[email].organization.casefold()),
            )
            for email in sorted(missing - set(self.contacts))
        ]
        for contact in Contact.objects.bulk_create(new):
            self.contacts[contact.email] = (contact.pk, contact.organization_id)
            self.summary.contacts.append(contact.email)

    def _ticket(self, pk: int, row: ImportRow) -> tuple[object, ...]:
        contact, organization = self.contacts[row.requester_email]
        category, _path = self._category(row)
        last = row.solved_at or row.created_at
        return (
            pk,
            organization,
            contact,
            row.subject,
            row.request_type,
            TypeSource.AUTO if row.type_guessed else TypeSource.AGENT,
            row.priority,
            row.status,
            row.channel,
            row.product,
            "",
            self.queues[row.request_type],
            Decision.INCLUDED,
            COVERAGE_REASON,
            Alternative.NONE,
            last,
            row.created_at,
            last,
            row.solved_at,
            category,
            CategorySource.IMPORT if category else "",
        )

    def _category(self, row: ImportRow) -> tuple[int | None, str]:
        return self.categories.get(tuple(p.casefold() for p in row.category), (None, ""))

    def _message(self, pk: int, row: ImportRow) -> tuple[object, ...]:
        contact, _organization = self.contacts[row.requester_email]
        return (pk, contact, False, Visibility.PUBLIC, row.channel, row.body, row.created_at)

    def _history(self, pk: int, row: ImportRow) -> Iterable[tuple[object, ...]]:
        note = f"Imported from {self.source}, line {row.line} (id {row.external_id})"
        yield (pk, EventKind.CREATED, "", "", "", note[:500], False, row.created_at)
        _category, path = self._category(row)
        if path:
            how = how_text(CategorySource.IMPORT, None)
            yield (pk, EventKind.CHANGED, "category", "", path, how, True, row.created_at)


def tickets_import(
    rows: Iterable[ImportRow | BadRow],
    *,
    source: str,
    atomic: Callable[[], AbstractContextManager[object]],
    progress: Callable[[int], object] | None = None,
    chunk: int = CHUNK,
) -> ImportSummary:
    """Import every row, `chunk` rows per `atomic()` block (the caller's transaction
    factory, e.g. `transaction.atomic`); `progress(n)` after each chunk."""
    run = TicketImport(source)
    batch: list[ImportRow | BadRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            _load(run, batch, atomic, progress)
            batch = []
    if batch:
        _load(run, batch, atomic, progress)
    return run.summary


def _load(
    run: TicketImport,
    batch: list[ImportRow | BadRow],
    atomic: Callable[[], AbstractContextManager[object]],
    progress: Callable[[int], object] | None,
) -> None:
    with atomic():
        run.load(batch)
    if progress is not None:
        progress(len(batch))

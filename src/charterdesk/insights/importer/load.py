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

from charterdesk.core.vocabulary import Decision, RequestType
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
from .rows import BadRow, ImportRow

CHUNK = 5_000
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
        tickets = Ticket.objects.bulk_create([self._ticket(row) for row in rows])
        Message.objects.bulk_create(
            self._message(row, ticket) for row, ticket in zip(rows, tickets, strict=True)
        )
        TicketEvent.objects.bulk_create(
            line
            for row, ticket in zip(rows, tickets, strict=True)
            for line in self._history(row, ticket)
        )
        ImportedTicket.objects.bulk_create(
            ImportedTicket(
                ticket=ticket,
                external_id=row.external_id,
                source=self.source,
                line=row.line,
                imported_at=self.now,
            )
            for row, ticket in zip(rows, tickets, strict=True)
        )
        vocabulary.remember(row.subject for row in rows)
        self.summary.imported += len(tickets)

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
        for parts in {row.category for row in rows if row.category}:
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

    def _ticket(self, row: ImportRow) -> Ticket:
        contact, organization = self.contacts[row.requester_email]
        category, _path = self._category(row)
        last = row.solved_at or row.created_at
        return Ticket(
            organization_id=organization,
            requester_id=contact,
            subject=row.subject,
            request_type=row.request_type,
            type_source=TypeSource.AUTO if row.type_guessed else TypeSource.AGENT,
            priority=row.priority,
            status=row.status,
            channel=row.channel,
            product=row.product,
            queue_id=self.queues[row.request_type],
            coverage=Decision.INCLUDED,
            coverage_reason=COVERAGE_REASON,
            attention_at=last,
            created_at=row.created_at,
            updated_at=last,
            solved_at=row.solved_at,
            category_id=category,
            category_source=CategorySource.IMPORT if category else "",
        )

    def _category(self, row: ImportRow) -> tuple[int | None, str]:
        return self.categories.get(tuple(p.casefold() for p in row.category), (None, ""))

    def _message(self, row: ImportRow, ticket: Ticket) -> Message:
        return Message(
            ticket=ticket,
            author_contact_id=ticket.requester_id,
            visibility=Visibility.PUBLIC,
            channel=row.channel,
            body=row.body,
            created_at=row.created_at,
        )

    def _history(self, row: ImportRow, ticket: Ticket) -> Iterable[TicketEvent]:
        note = f"Imported from {self.source}, line {row.line} (id {row.external_id})"
        yield TicketEvent(
            ticket=ticket, kind=EventKind.CREATED, note=note[:500], created_at=row.created_at
        )
        _pk, path = self._category(row)
        if path:
            yield TicketEvent(
                ticket=ticket,
                kind=EventKind.CHANGED,
                field="category",
                new_value=path[:500],
                note=how_text(CategorySource.IMPORT, None),
                internal=True,
                created_at=row.created_at,
            )


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

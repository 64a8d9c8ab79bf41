"""The search app's tables: the generic document index and the index's vocabulary.

Each backend adds its own machinery to `search_document` in the migrations (see
schema.py): what is written here is searchable in the same transaction."""

from django.db import models
from django.utils import timezone


class IndexedDocument(models.Model):
    """One searchable object of another app (an article, a community topic), by kind."""

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    language = models.CharField(max_length=16, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once")
        ]
        indexes = [
            models.Index(fields=["kind", "updated_at", "id"], name="search_document_by_date")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class Term(models.Model):
    """A word that occurs somewhere in an index: where "did you mean" finds corrections.
    Only ever inserted (never counted), so concurrent writers never wait on a hot row."""

    word = models.CharField(max_length=32, primary_key=True)

    class Meta:
        db_table = "search_term"

    def __str__(self) -> str:
        return self.word


class TicketEntry(models.Model):
    """A ticket's searchable text, one row per ticket, written by database triggers on the
    tickets, messages, contacts and organizations (see ticket_index.py) in the transaction
    that changes them. Filters (status, queue, assignee, …) join the ticket itself."""

    ticket = models.OneToOneField(
        "tickets.Ticket", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=250)
    people = models.TextField(blank=True)
    public_text = models.TextField(blank=True)
    # Internal notes: only agents' searches match this column.
    internal_text = models.TextField(blank=True)

    class Meta:
        db_table = "search_ticket"

    def __str__(self) -> str:
        return f"#{self.ticket_id} in the index"


class TicketMatch(models.Model):
    """PostgreSQL: what a ticket search matches and ranks, narrow (id, organization, the
    two weighted tsvectors, added by migration 0006 with their GIN indexes), so a search
    reads small rows instead of `search_ticket`'s texts; the customer's organization
    narrows the match by the index on (organization_id, ticket_id). Written by a trigger
    on `search_ticket` in the same statement (ticket_index.py). On SQLite the FTS5 table
    plays this part and this table stays empty."""

    ticket_id = models.BigIntegerField(primary_key=True)
    organization_id = models.BigIntegerField(null=True)

    class Meta:
        db_table = "search_ticket_match"
        indexes = [
            models.Index(fields=["organization_id", "ticket_id"], name="search_ticket_match_by_org")
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} in the match table"


# The documents' semantic vectors live beside the index (vectors.py); imported here so
# that Django registers the model with this app.
from .vectors import DocumentVector  # noqa: E402, F401

"""The vocabulary of "did you mean" learns the words of new tickets and messages, in the
writer's transaction. (The ticket index itself is kept by database triggers:
ticket_index.py; the vocabulary only suggests, so words written by bulk SQL wait for
`charterdesk search rebuild`.)

Migrations on SQLite: most column changes rebuild the table (create a copy, drop the
table, rename the copy). Dropping a table drops its triggers, and SQLite refuses the
rename while another table's trigger names the dropped table ("error in trigger …: no
such table"), so a migration of tickets_ticket, tickets_message or a customers table
would fail. So on SQLite the ticket index's triggers are off while `migrate` runs such
migrations (pre_migrate drops them; the search migrations leave them to the end), and
after every `migrate` (post_migrate, any database) missing triggers are installed and
every row recomputed: a write made meanwhile, by a data migration, is in the index."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from charterdesk.tickets.models import Message, Ticket

from . import merge, ticket_index, vocabulary
from .index import TICKETS


def learn_ticket_words(sender: type[Ticket], instance: Ticket, created: bool, **_: Any) -> None:
    if created:
        vocabulary.remember([instance.subject])


def learn_message_words(sender: type[Message], instance: Message, created: bool, **_: Any) -> None:
    if created:
        vocabulary.remember([instance.body])


# Apps whose migrations may rebuild a table the triggers are on or read from.
REBUILDING_APPS = frozenset({"tickets", "customers", "search"})


def suspend_ticket_index(
    sender: object, using: str, plan: list[tuple[Any, bool]] | None = None, **_: Any
) -> None:
    """pre_migrate, SQLite: no triggers while migrations of these apps run."""
    connection = connections[using]
    if connection.vendor != "sqlite" or not plan:
        return
    if any(migration.app_label in REBUILDING_APPS for migration, _backwards in plan):
        ticket_index.uninstall(connection)


def restore_ticket_index(sender: object, using: str, verbosity: int = 1, **_: Any) -> None:
    """post_migrate: reinstall missing triggers and recompute every row (a write made
    while they were gone is in no row)."""
    connection = connections[using]
    if not set(ticket_index.TABLES) <= set(connection.introspection.table_names()):
        return  # migrated back to before the ticket index, or not yet there
    gone = ticket_index.missing(connection)
    if not gone:
        return
    with transaction.atomic(using=using):
        ticket_index.install(connection)
        ticket_index.refill(connection)
    if connection.vendor == "sqlite" and using == DEFAULT_DB_ALIAS:
        # The refill rewrote every row: merge its segment with the old ones now rather
        # than at the job's next run (FTS5 automerge is off: merge.py).
        merge.merge_segments(TICKETS)
    if verbosity:
        print(  # noqa: T201 - migrate's own output
            f"  Search: reinstalled {len(gone)} ticket index trigger(s) a migration dropped "
            "and refilled the ticket index."
        )

"""A migration that rebuilds a ticket table (SQLite remakes the table for most column
changes: copy, drop, rename) neither fails on the ticket index's triggers nor leaves
ticket search behind: after `migrate` the triggers are back, a ticket written during the
migrations is found, and new writes are indexed again. On both databases."""

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection, models
from django.db.migrations import Migration

from charterdesk.accounts.models import User
from charterdesk.search import ticket_index
from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

PLAN = [(Migration("0099_longer_subject", "tickets"), False)]


def found(user: User, q: str) -> list[int]:
    return [hit.ticket.pk for hit in search_tickets(user, q).items]


def subject_field(max_length: int) -> models.CharField:  # type: ignore[type-arg]
    field: models.CharField = models.CharField(max_length=max_length)  # type: ignore[type-arg]
    field.set_attributes_from_name("subject")
    field.model = Ticket
    return field


def migrate(change: object) -> None:
    """What `migrate` does around a migration that alters tickets_ticket."""
    emit_pre_migrate_signal(0, False, "default", plan=PLAN, apps=apps)
    with connection.schema_editor() as editor:
        editor.alter_field(Ticket, *change)  # type: ignore[misc]
    emit_post_migrate_signal(0, False, "default", plan=PLAN, apps=apps)


@pytest.fixture
def longer_subject(live_personas: object) -> Iterator[object]:
    """The change (tickets_ticket rebuilt on SQLite); undone by a migration back after."""
    old = Ticket._meta.get_field("subject")
    change = (old, subject_field(400))
    yield change
    migrate((change[1], old))


@pytest.mark.django_db(transaction=True)
def test_search_follows_writes_after_a_migration_rebuilt_the_tickets_table(
    longer_subject: object,
) -> None:
    agent = User.objects.get(email="tier1@charterdesk.example")
    emit_pre_migrate_signal(0, False, "default", plan=PLAN, apps=apps)
    with connection.schema_editor() as editor:
        editor.alter_field(Ticket, *longer_subject)  # type: ignore[misc]
    written_by_a_data_migration = open_ticket(subject="Quokka gateway offline")
    emit_post_migrate_signal(0, False, "default", plan=PLAN, apps=apps)

    assert ticket_index.missing() == set()
    assert found(agent, "quokka") == [written_by_a_data_migration.pk]
    later = open_ticket(subject="Wombat importer stuck")
    message_add(later, agent, "Restarted the platypus worker.")
    assert found(agent, "wombat") == [later.pk]
    assert found(agent, "platypus") == [later.pk]


@pytest.mark.django_db(transaction=True)
def test_migrate_with_nothing_to_do_keeps_the_triggers(live_personas: object) -> None:
    emit_pre_migrate_signal(0, False, "default", plan=[], apps=apps)
    emit_post_migrate_signal(0, False, "default", plan=[], apps=apps)
    assert ticket_index.missing() == set()

"""Migrations on SQLite rebuild a table for most column changes (copy, drop, rename), and
dropping tickets_ticket drops the agent-load triggers on it. After every `migrate`
(post_migrate, any database) missing or outdated triggers are installed again and every
agent's counts rewritten from the tickets, so a migration of tickets can never leave the
counts silently frozen."""

from typing import Any

from django.db import connections, transaction

from . import load_counter
from .models import AgentLoad


def restore_agent_loads(sender: object, using: str, verbosity: int = 1, **_: Any) -> None:
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not {"tickets_ticket", AgentLoad._meta.db_table} <= tables:
        return  # migrated back to before the counts, or not yet there
    if load_counter.installed(connection):
        return
    with transaction.atomic(using=using):
        load_counter.install(connection)
        AgentLoad.objects.using(using).all().delete()
        load_counter.backfill(connection)
    if verbosity:
        print(  # noqa: T201 - migrate's own output
            "  Routing: reinstalled the agent load triggers a migration dropped "
            "and recounted every agent's load."
        )

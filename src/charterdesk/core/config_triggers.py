"""The triggers that give the configuration generation a new value (core.config_cache).

Apps name the models whose tables a process may keep in memory with `watch()` in their
`AppConfig.ready`; after every `migrate` (and a test database's flush) `install()` puts a
trigger on each of their tables and on the missing generation row, idempotently. On SQLite
a migration that rebuilds a table drops its triggers, so they are taken off before
migrations run and put back after, with one new generation for whatever ran between."""

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from . import config_cache
from .models import ConfigGeneration

TABLE = ConfigGeneration._meta.db_table
PREFIX = "cd_config_"
_watched: list[type[Model]] = []

# New random value (upsert: the row may be gone after a flush).
_SQLITE_BUMP = (
    f"INSERT INTO {TABLE} (id, value) VALUES (1, abs(random() % 4611686018427387904) + 1) "  # noqa: S608
    "ON CONFLICT (id) DO UPDATE SET value = excluded.value;"
)
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PREFIX}bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (id, value)
    VALUES (1, floor(random() * 4611686018427387903)::bigint + 1)
    ON CONFLICT (id) DO UPDATE SET value = excluded.value;
    RETURN NULL;
END $$"""  # noqa: S608 - constant names


def watch(*models: type[Model]) -> None:
    """Writes to these models' tables change the generation."""
    for model in models:
        if model not in _watched:
            _watched.append(model)
            _forget_on_write(model)


def watched_tables() -> list[str]:
    return sorted({model._meta.db_table for model in _watched})


def install(connection: BaseDatabaseWrapper) -> None:
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return  # migrated back to before the generation
    tables = [table for table in watched_tables() if table in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in tables:
                name = connection.ops.quote_name(f"{PREFIX}{table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE "
                    f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}bump()"
                )
        elif connection.vendor == "sqlite":
            for table in tables:
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {PREFIX}{table}_{operation.lower()} "
                        f"AFTER {operation} ON {table} BEGIN {_SQLITE_BUMP} END"
                    )
        cursor.execute(
            f"INSERT INTO {TABLE} (id, value) VALUES (1, %s) "  # noqa: S608 - constant
            "ON CONFLICT (id) DO UPDATE SET value = excluded.value",
            [config_cache.new_value()],
        )
    config_cache.clear()


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """SQLite only: before migrations that may rebuild tables."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [f"{PREFIX}%"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def before_migrate(sender: Any, using: str, plan: Any = None, **_: Any) -> None:
    if sender.label == "core" and plan:
        uninstall(connections[using])


def after_migrate(sender: Any, using: str, **_: Any) -> None:
    if sender.label == "core":
        install(connections[using])


def _forget_on_write(model: type[Model]) -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def forget(**_: Any) -> None:
        config_cache.forget()

    uid = f"config-cache-{model._meta.label}"
    post_save.connect(forget, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(forget, sender=model, dispatch_uid=uid, weak=False)
    if model._meta.auto_created:  # a many-to-many table
        m2m_changed.connect(forget, sender=model, dispatch_uid=uid, weak=False)

"""The triggers that give the configuration generation a new value (core.config_cache).

Apps name the models whose tables a process may keep in memory with `watch()` in their
`AppConfig.ready`; after every `migrate` (and a test database's flush) `install()` puts a
trigger on each of their tables and on the missing generation row, idempotently. On SQLite
a migration that rebuilds a table drops its triggers, so they are taken off before
migrations run and put back after, with one new generation for whatever ran between.
Each watched table bumps the generation of its scope (config_cache.CONFIGURATION or
PEOPLE): the row whose id is the scope."""

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from . import config_cache
from .models import ConfigGeneration

TABLE = ConfigGeneration._meta.db_table
PREFIX = "cd_config_"
_watched: dict[type[Model], int] = {}  # model: the scope whose generation it bumps

# New random value (upsert: the row may be gone after a flush); {scope} is the row's id.
_SQLITE_BUMP = (
    f"INSERT INTO {TABLE} (id, value) VALUES ({{scope}}, abs(random() % 4611686018427387904) + 1) "  # noqa: S608
    "ON CONFLICT (id) DO UPDATE SET value = excluded.value;"
)
# The scope is the trigger's argument (none: the configuration, as first installed).
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PREFIX}bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (id, value)
    VALUES (COALESCE(TG_ARGV[0], '1')::int, floor(random() * 4611686018427387903)::bigint + 1)
    ON CONFLICT (id) DO UPDATE SET value = excluded.value;
    RETURN NULL;
END $$"""  # noqa: S608 - constant names


def watch(*models: type[Model], scope: int = config_cache.CONFIGURATION) -> None:
    """Writes to these models' tables change the generation of `scope`."""
    for model in models:
        if model not in _watched:
            _watched[model] = scope
            _forget_on_write(model, scope)


def watched_tables() -> list[str]:
    return sorted({model._meta.db_table for model in _watched})


def _scopes_of_tables() -> dict[str, int]:
    return {model._meta.db_table: scope for model, scope in _watched.items()}


def install(connection: BaseDatabaseWrapper) -> None:
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return  # migrated back to before the generation
    scopes = _scopes_of_tables()
    tables = [table for table in watched_tables() if table in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in tables:
                name = connection.ops.quote_name(f"{PREFIX}{table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}bump('{scopes[table]:d}')"
                )
        elif connection.vendor == "sqlite":
            for table in tables:
                bump = _SQLITE_BUMP.format(scope=int(scopes[table]))
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {PREFIX}{table}_{operation.lower()} "
                        f"AFTER {operation} ON {table} BEGIN {bump} END"
                    )
        for scope in config_cache.SCOPES:
            cursor.execute(
                f"INSERT INTO {TABLE} (id, value) VALUES (%s, %s) "  # noqa: S608 - constant
                "ON CONFLICT (id) DO UPDATE SET value = excluded.value",
                [scope, config_cache.new_value()],
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


def _forget_on_write(model: type[Model], scope: int) -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def forget(**_: Any) -> None:
        config_cache.forget(scope)

    uid = f"config-cache-{model._meta.label}"
    post_save.connect(forget, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(forget, sender=model, dispatch_uid=uid, weak=False)
    if model._meta.auto_created:  # a many-to-many table
        m2m_changed.connect(forget, sender=model, dispatch_uid=uid, weak=False)

"""The backends' own machinery on an index's content table, installed by migrations.

SQLite: an external-content FTS5 table (`unicode61` with diacritics removed, Porter
stemming) kept by triggers, so every insert, update and delete of a row, by the ORM, a
bulk `.update()` or hand-written SQL, changes the index in the same transaction.
PostgreSQL: stored generated `tsvector` columns (weighted, English stemming) with GIN
indexes: the database computes them in the statement that writes the row.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from .index import IndexSpec

TOKENIZER = "porter unicode61 remove_diacritics 2"
CONFIG = "english"
# SQLite: FTS5 writes each transaction's words as a new small segment and, by default
# (automerge 4), merges segments a little after every write: at 10k tickets that
# merging was most of what the index cost a ticket's creation (bench/RESULTS.md, issue
# #14). Off here; the scheduler's `merge-search-index` job merges (merge.py), and FTS5
# still merges at once a level that reaches `crisismerge` (16) segments.
AUTOMERGE = 0


def install(connection: BaseDatabaseWrapper, spec: IndexSpec) -> None:
    if connection.vendor == "sqlite":
        statements = _sqlite(spec, organization=_has_organization(connection, spec))
    else:
        statements = _postgresql(spec)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper, spec: IndexSpec) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for event in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {spec.table}_fts_{event}")
            cursor.execute(f"DROP TABLE IF EXISTS {spec.fts}")
        else:
            cursor.execute(f"ALTER TABLE {spec.table} DROP COLUMN IF EXISTS vector")
            cursor.execute(f"ALTER TABLE {spec.table} DROP COLUMN IF EXISTS public_vector")


def _has_organization(connection: BaseDatabaseWrapper, spec: IndexSpec) -> bool:
    """Whether the content table has its organization column yet (tickets: from
    migration 0007 on; an earlier migration's FTS5 table is made without it)."""
    if spec.organization_column is None:
        return False
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, spec.table)
    return spec.organization_column in {column.name for column in described}


def _sqlite(spec: IndexSpec, *, organization: bool = False) -> list[str]:
    names = [column.name for column in spec.columns]
    if organization and spec.organization_column:
        names.append(spec.organization_column)
    cols = ", ".join(names)
    new = ", ".join(f"new.{name}" for name in names)
    old = ", ".join(f"old.{name}" for name in names)
    # Names from the IndexSpec (our code), no values: nothing to inject.
    delete = (
        f"INSERT INTO {spec.fts}({spec.fts}, rowid, {cols}) "  # noqa: S608
        f"VALUES ('delete', old.{spec.pk}, {old});"
    )
    insert = f"INSERT INTO {spec.fts}(rowid, {cols}) VALUES (new.{spec.pk}, {new});"  # noqa: S608
    return [
        f"CREATE VIRTUAL TABLE {spec.fts} USING fts5({cols}, content='{spec.table}', "
        f"content_rowid='{spec.pk}', tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {spec.table}_fts_insert AFTER INSERT ON {spec.table} BEGIN {insert} END",
        f"CREATE TRIGGER {spec.table}_fts_delete AFTER DELETE ON {spec.table} BEGIN {delete} END",
        f"CREATE TRIGGER {spec.table}_fts_update AFTER UPDATE OF {cols} ON {spec.table} "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO {spec.fts}({spec.fts}) VALUES ('rebuild')",  # noqa: S608
        automerge_sql(spec, AUTOMERGE),
    ]


def automerge_sql(spec: IndexSpec, pages: int) -> str:
    """SQLite: the FTS5 table's `automerge` option (kept in the table's own config)."""
    return f"INSERT INTO {spec.fts}({spec.fts}, rank) VALUES ('automerge', {int(pages)})"  # noqa: S608


def vector_sql(spec: IndexSpec, *, private: bool, row: str = "") -> str:
    """PostgreSQL: the weighted tsvector of a row's columns (`row`: "new." in a trigger)."""
    columns = spec.columns if private else spec.public_columns
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce({row}{c.name}, '')), '{c.weight}')"
        for c in columns
    )


def _postgresql(spec: IndexSpec) -> list[str]:
    statements = [
        f"ALTER TABLE {spec.table} ADD COLUMN vector tsvector "
        f"GENERATED ALWAYS AS ({vector_sql(spec, private=True)}) STORED",
        f"CREATE INDEX {spec.table}_vector ON {spec.table} USING gin (vector)",
    ]
    if spec.has_private:
        statements += [
            f"ALTER TABLE {spec.table} ADD COLUMN public_vector tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(spec, private=False)}) STORED",
            f"CREATE INDEX {spec.table}_public_vector ON {spec.table} USING gin (public_vector)",
        ]
    return statements

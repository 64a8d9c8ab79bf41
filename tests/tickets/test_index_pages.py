"""Every index is a page more in each ticket creation's commit (bench/wal_pages.py): a
foreign key that leads a composite index has no index of its own, a mostly-empty one only
a partial index, and the look-ups a deletion makes (`IN (...)`) still use an index."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

LEFT_OUT = {
    "tickets_ticket": [
        "organization_id",
        "requester_id",
        "contract_id",
        "category_id",
        "merged_into_id",
    ],
    "tickets_message": ["ticket_id"],
    "tickets_ticketevent": ["ticket_id"],
}
PARTIAL = {
    "tickets_ticket": ["product_ref_id", "product_version_id", "category_set_by_id"],
    "tickets_message": ["author_id", "author_contact_id"],
    "tickets_ticketevent": ["actor_id"],
}


def single_column_indexes(table: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        name: c["columns"]
        for name, c in constraints.items()
        if c["index"] and not c["primary_key"] and not c["unique"] and len(c["columns"]) == 1
    }


def test_no_index_of_its_own_for_a_key_that_leads_a_composite():
    for table, columns in LEFT_OUT.items():
        alone = {cols[0] for cols in single_column_indexes(table).values()}
        assert not alone & set(columns), table


def test_mostly_empty_keys_have_one_partial_index_each():
    for table, columns in PARTIAL.items():
        indexes = single_column_indexes(table)
        for column in columns:
            named = [name for name, cols in indexes.items() if cols == [column]]
            assert len(named) == 1, (table, column, named)
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [named[0]])
                else:
                    cursor.execute("SELECT pg_get_indexdef(%s::regclass)", [named[0]])
                assert "IS NOT NULL" in cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("table", "column"),
    [(t, c) for t, cs in {**PARTIAL}.items() for c in cs]
    + [(t, c) for t, cs in LEFT_OUT.items() for c in cs],
)
def test_a_deletions_look_up_still_uses_an_index(table, column):
    sql = f'SELECT id FROM "{table}" WHERE "{column}" IN (1, 2)'  # noqa: S608 - our names
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "USING" in plan and "INDEX" in plan, plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index" in plan, plan

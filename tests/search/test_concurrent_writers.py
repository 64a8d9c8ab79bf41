"""Several writers at once, each in its own transaction and connection, leave an index
that matches the documents exactly (on SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections, transaction

from charterdesk.search import documents
from charterdesk.search.documents import Document
from charterdesk.search.models import IndexedDocument

WRITERS = 4
DOCUMENTS_EACH = 10


def write(writer: int, errors: list[BaseException]) -> None:
    try:
        for n in range(DOCUMENTS_EACH):
            with transaction.atomic():
                # Every writer also rewrites document 1000 and adds the same new words.
                documents.upsert(Document("note", 1000, f"Shared title by writer{writer}"))
                documents.upsert(
                    Document("note", writer * 100 + n, f"Writer{writer} note {n}", "zeppelin")
                )
    except BaseException as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_leave_a_correct_index() -> None:
    errors: list[BaseException] = []
    threads = [threading.Thread(target=write, args=(w, errors)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    page = documents.search("note", "zeppelin", limit=100)
    assert len(page.items) == WRITERS * DOCUMENTS_EACH
    assert IndexedDocument.objects.filter(object_id=1000).count() == 1
    assert len(documents.search("note", "shared title").items) == 1
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # FTS5 compares its index with the table
            cursor.execute(
                "INSERT INTO search_document_fts(search_document_fts, rank) "
                "VALUES ('integrity-check', 1)"
            )

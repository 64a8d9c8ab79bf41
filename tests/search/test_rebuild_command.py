"""`charterdesk search rebuild` refills the indexes; a wrong kind is one line and exit 2."""

from io import StringIO
from types import SimpleNamespace

from django.core.management import call_command
from django.db import connection

from charterdesk.search import documents
from charterdesk.search.documents import Document
from charterdesk.search.ticket_search import search_tickets
from tests.cli.test_commands import run_cli
from tests.tickets.factories import open_ticket


def test_rebuild_refills_a_lost_ticket_index(personas: SimpleNamespace) -> None:
    ticket = open_ticket(subject="Latency spikes in Frankfurt")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_ticket")
    assert search_tickets(personas.tier1, "frankfurt").items == []

    out, err = StringIO(), StringIO()
    call_command("search", "rebuild", "--kind", "tickets", stdout=out, stderr=err)

    assert [hit.ticket for hit in search_tickets(personas.tier1, "frankfurt").items] == [ticket]
    assert "Rebuilt the tickets index" in out.getvalue()
    assert "100%" in err.getvalue()  # the progress bar


def test_rebuild_of_a_document_kind_uses_its_owners_documents(db: None) -> None:
    documents.register_kind(
        "rebuild-test",
        rebuild=lambda: iter([Document("rebuild-test", 1, "Fresh title")]),
        count=lambda: 1,
    )
    try:
        documents.upsert(Document("rebuild-test", 2, "Stale title"))
        call_command(
            "search", "rebuild", "--kind", "rebuild-test", stdout=StringIO(), stderr=StringIO()
        )
        assert [h.object_id for h in documents.search("rebuild-test", "title").items] == [1]
    finally:
        documents.unregister_kind("rebuild-test")


def test_unknown_kind_is_one_line_and_exit_code_2() -> None:
    result = run_cli("search", "rebuild", "--kind", "bogus")
    assert result.returncode == 2
    assert "no index of kind 'bogus'" in result.stderr
    assert "Traceback" not in result.stderr

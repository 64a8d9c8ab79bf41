"""SQLite: the FTS5 tables do not merge segments after every write (automerge 0); the
scheduler's `merge-search-index` job merges them, and every ticket is still found (the
index was never stale: merging only reorganizes what is committed). PostgreSQL: the job
does nothing."""

import pytest
from django.db import connection

from charterdesk.accounts.models import User
from charterdesk.core.schedule import JOBS
from charterdesk.search import merge
from charterdesk.search.index import TICKETS
from charterdesk.search.tasks import merge_search_index
from charterdesk.search.ticket_search import search_tickets
from tests.tickets.factories import open_ticket

WORDS = ["saml", "webhook", "invoice", "kerberos", "locale", "proxy", "retention", "backup"]


def test_the_job_is_registered() -> None:
    assert "merge-search-index" in {job.name for job in JOBS}


@pytest.mark.django_db(transaction=True)
def test_the_job_merges_new_segments_and_every_ticket_is_still_found(
    live_personas: object,
) -> None:
    if connection.vendor == "sqlite":
        # Earlier tests leave segments behind (flushing the database does not empty the
        # index's segments): start from one, so that the eight below stay under FTS5's
        # crisis merge of a level at 16 and each is counted.
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_ticket_fts(search_ticket_fts) VALUES ('optimize')")
    tickets = [open_ticket(subject=f"{word.capitalize()} trouble") for word in WORDS]
    agent = User.objects.get(email="tier1@charterdesk.example")
    if connection.vendor != "sqlite":
        assert merge_search_index.call() == {"search_ticket": 0, "search_document": 0}
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT v FROM search_ticket_fts_config WHERE k = 'automerge'")
        assert cursor.fetchone()[0] == 0
    before = merge.segments(TICKETS)
    assert before >= len(WORDS)  # one segment per committed creation, none merged
    assert merge_search_index.call()["search_ticket"] >= 1
    assert merge.segments(TICKETS) < before
    for word, ticket in zip(WORDS, tickets, strict=True):
        assert [hit.ticket.pk for hit in search_tickets(agent, word).items] == [ticket.pk]
    assert merge_search_index.call()["search_ticket"] == 0  # nothing left to merge

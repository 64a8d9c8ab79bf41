"""However common a word, "best match" ranks a bounded number of matches: the newest ones
the reader may see. "Newest first" still pages through every match."""

import dataclasses
from collections.abc import Callable

import pytest

from charterdesk.accounts.models import User
from charterdesk.search import documents, engine
from charterdesk.search.backends import base, postgresql
from charterdesk.search.index import DOCUMENTS, TICKETS


@pytest.fixture
def small_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "RANK_WINDOW", 3)


def test_best_match_ranks_only_the_newest_matches(
    small_window: None, index_note: Callable[..., object]
) -> None:
    index_note(1, "Outage outage outage", "the best match, but the oldest")
    for object_id in (2, 3, 4):
        index_note(object_id, "Report", "one outage")
    best = [hit.object_id for hit in documents.search("note", "outage").items]
    assert sorted(best) == [2, 3, 4]
    newest = [hit.object_id for hit in documents.search("note", "outage", order="date").items]
    assert sorted(newest) == [1, 2, 3, 4]


def test_the_window_counts_only_what_the_reader_may_see(
    small_window: None, note_ids: list[int], index_note: Callable[..., object]
) -> None:
    for object_id in note_ids:
        index_note(object_id, "Outage", "outage")
    allowed = User.objects.filter(pk__in=note_ids[:2])
    hits = documents.search("note", "outage", allowed=allowed).items
    assert sorted(hit.object_id for hit in hits) == note_ids[:2]


def test_an_index_ranks_no_more_than_its_own_window(index_note: Callable[..., object]) -> None:
    """The ticket index ranks fewer matches than the default (a common word at a million
    tickets): the window is the index's, on both backends."""
    index_note(1, "Outage outage outage", "the best match, but the oldest")
    for object_id in (2, 3, 4):
        index_note(object_id, "Report", "one outage")
    narrow = dataclasses.replace(DOCUMENTS, rank_window=3)
    request = {"private": True, "allowed": None, "kind": "note"}
    best = engine.search(narrow, engine.parsed("outage"), **request).rows  # type: ignore[arg-type]
    assert sorted(row.key for row in best) == [2, 3, 4]
    wide = engine.search(DOCUMENTS, engine.parsed("outage"), **request).rows  # type: ignore[arg-type]
    assert wide[0].key == 1
    assert TICKETS.rank_window is not None and TICKETS.rank_window < base.RANK_WINDOW


@pytest.mark.parametrize(
    ("matching", "newest_three"),
    [
        # The newest rows hold a whole window: the first stage is enough.
        ((1, 8, 9, 10), [8, 9, 10]),
        # They do not: the next stages look further back, to the same newest three.
        ((1, 4, 6, 10), [4, 6, 10]),
        ((1, 2, 3, 10), [2, 3, 10]),
    ],
)
def test_the_window_is_the_newest_matches_however_far_back_they_are(
    small_window: None,
    monkeypatch: pytest.MonkeyPatch,
    index_note: Callable[..., object],
    matching: tuple[int, ...],
    newest_three: list[int],
) -> None:
    """PostgreSQL looks for the window among the newest rows first (STAGES × the window),
    then further back; the window is the same as a scan of every match."""
    monkeypatch.setattr(postgresql, "STAGES", (1, 2))
    for object_id in range(1, 11):
        title = "Outage outage outage" if object_id == 1 else "Report"
        index_note(object_id, title, "one outage" if object_id in matching else "all fine")
    best = documents.search("note", "outage").items
    assert sorted(hit.object_id for hit in best) == newest_three

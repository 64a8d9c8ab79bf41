"""However common a word, "best match" ranks a bounded number of matches: the newest ones
the reader may see. "Newest first" still pages through every match."""

from collections.abc import Callable

import pytest

from charterdesk.accounts.models import User
from charterdesk.search import documents
from charterdesk.search.backends import base


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

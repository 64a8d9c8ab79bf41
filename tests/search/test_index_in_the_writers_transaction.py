"""The index changes in the writer's transaction: searchable before the commit for the
writer, gone with a rollback, replaced on update, removed with the object."""

from collections.abc import Callable

import pytest
from django.db import transaction

from charterdesk.search import documents
from charterdesk.search.documents import Document


def found(q: str) -> list[int]:
    return [hit.object_id for hit in documents.search("note", q).items]


def test_an_upsert_is_searchable_inside_the_same_transaction(db: None) -> None:
    with transaction.atomic():
        documents.upsert(Document("note", 7, "Quarantined mail", "held for review"))
        assert found("quarantined") == [7]


def test_a_rolled_back_upsert_was_never_in_the_index(db: None) -> None:
    class AbandonedError(Exception):
        pass

    with pytest.raises(AbandonedError), transaction.atomic():
        documents.upsert(Document("note", 7, "Quarantined mail"))
        raise AbandonedError
    assert found("quarantined") == []


def test_an_update_replaces_the_old_text(index_note: Callable[..., object]) -> None:
    index_note(7, "Quarantined mail", "held for review")
    index_note(7, "Released mail", "sent on")
    assert found("quarantined") == []
    assert found("released") == [7]


def test_a_removed_document_is_not_found(index_note: Callable[..., object]) -> None:
    index_note(7, "Quarantined mail")
    index_note(8, "Quarantined again")
    documents.remove("note", 7)
    assert found("quarantined") == [8]


def test_kinds_are_searched_apart(index_note: Callable[..., object]) -> None:
    index_note(7, "Quarantined mail")
    documents.upsert(Document("topic", 7, "Quarantined mail in the community"))
    assert found("quarantined") == [7]
    assert [h.object_id for h in documents.search("topic", "community").items] == [7]

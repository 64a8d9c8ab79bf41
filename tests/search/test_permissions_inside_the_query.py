"""`allowed` is applied by the database: a reader never gets a hit, a count or a page
of documents outside it."""

from collections.abc import Callable

from charterdesk.accounts.models import User
from charterdesk.search import documents


def test_only_allowed_documents_are_found(
    note_ids: list[int], index_note: Callable[..., object]
) -> None:
    for object_id in note_ids:
        index_note(object_id, "Contract renewal", f"note {object_id}")
    allowed = User.objects.filter(pk__in=note_ids[:2])
    page = documents.search("note", "renewal", allowed=allowed, limit=1)
    seen = [hit.object_id for hit in page.items]
    page = documents.search("note", "renewal", allowed=allowed, limit=1, cursor=page.next_cursor)
    seen += [hit.object_id for hit in page.items]
    assert sorted(seen) == note_ids[:2]
    assert page.next_cursor is None


def test_nothing_allowed_finds_nothing(
    note_ids: list[int], index_note: Callable[..., object]
) -> None:
    index_note(note_ids[0], "Contract renewal")
    assert documents.search("note", "renewal", allowed=User.objects.none()).items == []


def test_did_you_mean_offers_nothing_the_reader_may_not_see(
    note_ids: list[int], index_note: Callable[..., object]
) -> None:
    index_note(note_ids[0], "Zeppelin hangar", "secret project")
    index_note(note_ids[1], "Public roadmap")
    allowed = User.objects.filter(pk=note_ids[1])
    page = documents.search("note", "zepelin", allowed=allowed)
    assert page.corrected_query is None
    assert page.items == []
    assert documents.search("note", "zepelin").corrected_query == "zeppelin"


def test_similar_respects_allowed(note_ids: list[int], index_note: Callable[..., object]) -> None:
    index_note(note_ids[0], "SAML certificate rotation")
    index_note(note_ids[1], "SAML setup")
    allowed = User.objects.filter(pk=note_ids[1])
    hits = documents.similar("note", "the saml certificate expired", allowed=allowed)
    assert [hit.object_id for hit in hits] == [note_ids[1]]

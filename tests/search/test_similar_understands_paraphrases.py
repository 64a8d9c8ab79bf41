"""Suggestions find documents by meaning, not only by shared words: documents.similar
fuses full-text ranking with the semantic similarity of stored vectors (vectors.py)."""

from collections.abc import Callable

import pytest
from django.test import override_settings

from charterdesk.accounts.models import User
from charterdesk.search import documents
from charterdesk.search.vectors import DocumentVector


@pytest.fixture
def notes(note_ids: list[int], index_note: Callable[..., object]) -> list[int]:
    a, b, c, d = note_ids[:4]
    index_note(a, "Reset a forgotten password", "Choose Forgot password on the sign-in page.")
    index_note(b, "Export tickets to a CSV file", "The export button writes a spreadsheet.")
    index_note(c, "Invite a colleague to your organization", "Send an invitation by email.")
    index_note(d, "Set up two-factor authentication", "Scan the QR code with an app.")
    return [a, b, c, d]


def ids(hits: list[documents.Hit]) -> list[int]:
    return [hit.object_id for hit in hits]


def test_a_request_in_other_words_finds_its_document(notes: list[int]) -> None:
    hits = documents.similar("note", "I can't remember my login credentials")

    assert ids(hits)[0] == notes[0]
    assert "Reset a forgotten password" in hits[0].title_html


def test_without_semantic_similarity_the_same_request_finds_nothing(notes: list[int]) -> None:
    with override_settings(SEARCH_SEMANTIC=False):
        assert documents.similar("note", "I can't remember my login credentials") == []


def test_shared_words_still_count(notes: list[int]) -> None:
    hits = documents.similar("note", "how do I export my tickets")

    assert ids(hits)[0] == notes[1]
    assert "<mark>" in hits[0].title_html


def test_an_off_topic_text_suggests_nothing(notes: list[int]) -> None:
    assert documents.similar("note", "what is the weather in Paris") == []


def test_a_document_the_reader_may_not_see_is_never_suggested(notes: list[int]) -> None:
    allowed = User.objects.filter(pk__in=notes[1:])

    hits = documents.similar("note", "I can't remember my login credentials", allowed=allowed)

    assert notes[0] not in ids(hits)


def test_a_changed_document_is_suggested_for_its_new_text(
    notes: list[int], index_note: Callable[..., object]
) -> None:
    request = "our auditor wants a spreadsheet of every case"
    assert ids(documents.similar("note", request))[0] == notes[1]

    index_note(notes[1], "Rename a queue", "Queues can be renamed by a manager.")
    index_note(notes[3], "Download all tickets as a spreadsheet", "For audits and reports.")

    assert ids(documents.similar("note", request))[0] == notes[3]


def test_vectors_are_written_and_removed_with_their_document(notes: list[int]) -> None:
    assert DocumentVector.objects.filter(kind="note").count() == 4

    documents.remove("note", notes[0])

    assert DocumentVector.objects.filter(kind="note").count() == 3
    assert notes[0] not in ids(documents.similar("note", "I can't remember my login credentials"))


@override_settings(SEARCH_SEMANTIC=False)
def test_switched_off_no_vectors_are_written(index_note: Callable[..., object]) -> None:
    index_note(1, "Reset a forgotten password")

    assert not DocumentVector.objects.exists()

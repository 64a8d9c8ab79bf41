"""Searching the generic document index: what a reader finds, in which order, how it
is highlighted."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from charterdesk.search import documents


@pytest.fixture
def notes(note_ids: list[int], index_note: Callable[..., object]) -> list[int]:
    a, b, c, d, e = note_ids[:5]
    index_note(a, "Rotate the SAML certificate", "When the certificate expires, sign-in fails.")
    index_note(b, "Export to CSV", "The export button writes a CSV file of your tickets.")
    index_note(c, "Café opening hours", "Our café in Zürich opens at eight.")
    index_note(d, "Reset a password", "Renewing a password: open the sign-in page.")
    index_note(e, "Staging server certificate", "Staging uses a self-signed certificate.")
    return [a, b, c, d, e]


def ids(page: documents.SearchPage) -> list[int]:
    return [hit.object_id for hit in page.items]


def test_every_word_must_occur(notes: list[int]) -> None:
    assert ids(documents.search("note", "certificate fails")) == [notes[0]]


def test_english_stemming_finds_other_forms(notes: list[int]) -> None:
    assert notes[0] in ids(documents.search("note", "expiring certificates"))
    assert ids(documents.search("note", "renewed")) == [notes[3]]


def test_diacritics_do_not_matter(notes: list[int]) -> None:
    assert ids(documents.search("note", "cafe zurich")) == [notes[2]]


def test_phrase_or_exclude_and_prefix(notes: list[int]) -> None:
    assert ids(documents.search("note", '"self-signed certificate"')) == [notes[4]]
    assert set(ids(documents.search("note", "csv OR password"))) == {notes[1], notes[3]}
    assert ids(documents.search("note", "certificate -staging")) == [notes[0]]
    assert set(ids(documents.search("note", "cert*"))) == {notes[0], notes[4]}


def test_a_title_match_ranks_above_a_body_match(
    note_ids: list[int], index_note: Callable[..., object]
) -> None:
    index_note(note_ids[0], "Billing questions", "Ask about the invoice and the VAT number here.")
    index_note(note_ids[1], "Invoice", "Where to find it.")
    page = documents.search("note", "invoice")
    assert ids(page) == [note_ids[1], note_ids[0]]
    assert page.items[0].score > page.items[1].score


def test_matches_are_marked_in_escaped_html(
    note_ids: list[int], index_note: Callable[..., object]
) -> None:
    index_note(note_ids[0], "<script>alert(1)</script> certificate", "A <b>certificate</b> here")
    hit = documents.search("note", "certificate").items[0]
    assert hit.title_html == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>certificate</mark>"
    assert "<mark>certificate</mark>" in hit.snippet_html
    assert "<b>" not in hit.snippet_html


def test_date_order_is_newest_first(note_ids: list[int], index_note: Callable[..., object]) -> None:
    for day, object_id in enumerate(note_ids[:3], start=1):
        index_note(object_id, "Outage report", updated_at=datetime(2026, 11, day, tzinfo=UTC))
    page = documents.search("note", "outage", order="date")
    assert ids(page) == [note_ids[2], note_ids[1], note_ids[0]]


@pytest.mark.parametrize("order", ["relevance", "date"])
def test_pages_follow_each_other_without_gaps_or_repeats(
    order: str, note_ids: list[int], index_note: Callable[..., object]
) -> None:
    for object_id in note_ids:
        index_note(object_id, "Outage", "outage " * (object_id % 3 + 1))
    seen: list[int] = []
    cursor = None
    while True:
        page = documents.search("note", "outage", order=order, limit=3, cursor=cursor)
        seen += ids(page)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(note_ids)


def test_did_you_mean_from_the_index_vocabulary(notes: list[int]) -> None:
    page = documents.search("note", "certficate")
    assert page.corrected_query == "certificate"
    assert page.replaced
    assert set(ids(page)) == {notes[0], notes[4]}


def test_no_correction_for_another_form_of_a_known_word(notes: list[int]) -> None:
    page = documents.search("note", "certificates")
    assert page.corrected_query is None
    assert len(page.items) == 2


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"q": "x" * 501}, "q"),
        ({"q": "created>soon"}, "q"),
        ({"q": "a", "limit": 0}, "limit"),
        ({"q": "a", "limit": 101}, "limit"),
        ({"q": "a", "order": "best"}, "order"),
        ({"q": "a", "cursor": "bm90IGEgY3Vyc29y"}, "cursor"),
    ],
)
def test_bad_input_is_a_field_error(arguments: dict[str, object], field: str, db: None) -> None:
    with pytest.raises(ValidationError) as caught:
        documents.search("note", **arguments)  # type: ignore[arg-type]
    assert field in caught.value.message_dict


def test_similar_finds_documents_sharing_significant_words(notes: list[int]) -> None:
    hits = documents.similar("note", "Hi, our sign-in broke after the SAML cert expired")
    assert hits[0].object_id == notes[0]

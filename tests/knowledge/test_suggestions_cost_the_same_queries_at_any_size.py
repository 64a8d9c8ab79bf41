"""A suggestion reads in a fixed number of queries however many articles are candidates
and suggested: the reader's permissions checked once on the nearest ids, their rows read
once, the suggested articles read once (no query per candidate)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.knowledge.suggestions import suggest

from .helpers import published

pytestmark = pytest.mark.django_db

TEXT = "I was charged twice for my card payment"


def _queries(reader) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as seen:
        found = suggest(reader, TEXT, limit=10)
    return len(seen), len(found)


def test_a_suggestion_costs_the_same_queries_for_more_articles(personas):
    published(personas.manager, "Charged twice for a card payment")
    suggest(personas.alice, TEXT)  # the vectors loaded into this process
    few, shown_few = _queries(personas.alice)
    for n in range(12):
        published(personas.manager, f"Card payment charged twice, case {n}", visibility="customers")
    suggest(personas.alice, TEXT)
    many, shown_many = _queries(personas.alice)
    assert shown_many > shown_few
    assert many == few, (few, many)
    assert many <= 8

"""The help center's pages and the desk's article list read in a fixed number of queries,
however many articles they show (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .helpers import published

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


@pytest.mark.parametrize("url", ["/help/", "/help/categories/billing/", "/desk/articles/"])
def test_query_count_does_not_grow_with_articles(login, personas, url):
    client = login(personas.manager)
    published(personas.manager, "First article")
    few = _queries(client, url)
    for n in range(6):
        published(personas.manager, f"Article number {n}", owner=personas.tier1)
    assert _queries(client, url) == few

"""The topic list and a topic page cost the same number of queries with 3 replies as with
30: no query per topic or per reply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .helpers import ask, reply


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("reader", ["alice", "tier1"])
def test_topic_page_queries_do_not_grow_with_replies(client, login, personas, reader):
    small, big = ask(personas.alice, "Small"), ask(personas.alice, "Big")
    for n in range(3):
        reply(personas.bob, small, f"Reply {n}")
    for n in range(25):
        reply(personas.bob if n % 2 else personas.tier1, big, f"Reply {n} to @alice")
    login(getattr(personas, reader))
    client.get("/community/")  # the day's visit is written once (views.common.note_visit)
    assert _queries(client, f"/community/t/{small.pk}/") == _queries(
        client, f"/community/t/{big.pk}/"
    )


def test_topic_list_queries_do_not_grow_with_topics(
    client, login, personas, django_assert_num_queries
):
    ask(personas.alice, "One")
    login(personas.bob)
    client.get("/community/")  # the day's visit
    few = _queries(client, "/community/")
    for n in range(35):
        ask(personas.tier1, f"Topic {n}")
    with django_assert_num_queries(few):
        client.get("/community/")
    with django_assert_num_queries(few):
        client.get("/community/?order=unanswered&page=2")

"""Deep pages are read from a cursor (keyset paging), not an offset: the topic list's and
the API's `next` links carry the last topic's place in the order, a topic page's links
the post numbers around it; walking the pages lists every topic and post once, in order,
for each list order."""

import re

import pytest
from django.utils import timezone

from charterdesk.community.models import Topic
from charterdesk.community.selectors import Listing, topic_cursor, topic_list

from .helpers import ask, reply


def _walk(client, url):
    """Follow the pages' "Next page" links; every topic title, in page order."""
    titles = []
    for _ in range(20):
        page = client.get(url).content.decode()
        titles += re.findall(r'<a href="/community/t/\d+/">([^<]+)</a>', page)
        found = re.search(r'href="(\?order=\w+&amp;after=[\d.]+)" rel="next"', page)
        if not found:
            return titles
        url = "/community/" + found.group(1).replace("&amp;", "&")
    raise AssertionError("the pages never end")


@pytest.fixture
def many(personas, settings):
    settings.COMMUNITY_POSTS_PER_HOUR = 1000
    now = timezone.now()
    topics = [ask(personas.alice, f"Topic {n:02d}") for n in range(65)]
    for n, topic in enumerate(topics):
        # Ties on the time column: the id decides, as in the ORDER BY.
        Topic.objects.filter(pk=topic.pk).update(
            last_posted_at=now.replace(microsecond=0) - timezone.timedelta(minutes=n // 3),
            created_at=now - timezone.timedelta(minutes=n // 2),
            reply_count=n % 4,
        )
    Topic.objects.filter(pk=topics[40].pk).update(pinned=True)
    return topics


@pytest.mark.parametrize("order", Listing.ALL)
def test_walking_the_pages_lists_every_topic_once_in_order(client, personas, many, order):
    expected = [t.title for t in topic_list(None, order=order)]
    assert len(expected) == 65 if order != Listing.UNANSWERED else len(expected) > 30
    assert _walk(client, f"/community/?order={order}") == expected


def test_the_cursor_is_a_range_not_an_offset(personas, many):
    first = list(topic_list(None, order=Listing.TOP)[:30])
    after = topic_cursor(first[-1], Listing.TOP)
    query = str(topic_list(None, order=Listing.TOP, after=after)[:31].query)
    assert "OFFSET" not in query.upper()
    nxt = list(topic_list(None, order=Listing.TOP, after=after)[:30])
    assert not {t.pk for t in first} & {t.pk for t in nxt}


@pytest.mark.parametrize(
    "bad", ["x", "1.2", "1.2.3.4", "9" * 70, "-1.5.5", "1.99999999999999999999.3"]
)
def test_a_bad_cursor_starts_at_the_top(client, personas, many, bad):
    response = client.get(f"/community/?after={bad}")
    assert response.status_code == 200
    assert [t.title for t in topic_list(None, order="latest")[:30]] == re.findall(
        r'<a href="/community/t/\d+/">([^<]+)</a>', response.content.decode()
    )


def test_the_api_next_link_is_a_cursor(api, personas, many):
    client = api.as_(personas.bob)
    seen, url = [], "/api/v1/community/topics?order=top&limit=25"
    while url:
        body = client.get(url).json()
        seen += [t["id"] for t in body["items"]]
        url = body["next"]
        assert url is None or ("after=" in url and "page=" not in url)
    assert seen == [t.pk for t in topic_list(personas.bob, order="top")]
    bad = client.get("/api/v1/community/topics?after=drop+table")
    assert bad.status_code == 422 and "after" in bad.json()["errors"]


def test_topic_page_links_go_by_post_number(client, personas, settings):
    settings.COMMUNITY_POSTS_PER_HOUR = 1000
    topic = ask(personas.alice, "Long thread")
    for n in range(44):
        reply(personas.bob, topic, f"Reply number {n}")
    first = client.get(f"/community/t/{topic.pk}/").content.decode()
    assert 'href="?after=20" rel="next"' in first and "Earlier posts" not in first
    second = client.get(f"/community/t/{topic.pk}/?after=20").content.decode()
    assert "Reply number 19" in second and "Reply number 38" in second
    assert "Reply number 18<" not in second and "Reply number 39" not in second
    assert 'href="?before=21" rel="prev"' in second and 'href="?after=40" rel="next"' in second
    back = client.get(f"/community/t/{topic.pk}/?before=21").content.decode()
    assert "Reply number 18" in back and "Earlier posts" not in back
    last = client.get(f"/community/t/{topic.pk}/?after=40").content.decode()
    assert "Reply number 43" in last and "Later posts" not in last

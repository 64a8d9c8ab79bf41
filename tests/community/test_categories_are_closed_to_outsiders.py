"""A member never reads a category closed to them: not in lists, topic pages, similar
topics or help-center search (the API has its own test)."""

import pytest

from charterdesk.community.models import Access
from charterdesk.community.selectors import categories_visible_to, topics_visible_to

from .helpers import ask, category


@pytest.fixture
def topics(personas):
    staff = category("Staff room", Access.STAFF)
    gold = category("Gold lounge", Access.PLANS, plans=("Gold",))
    open_ = category("General", Access.EVERYONE)
    members = category("Members", Access.CUSTOMERS)
    return {
        "staff": ask(personas.tier2, "Rota for the holidays", category=staff),
        "gold": ask(personas.alice, "Priority routing for Gold", category=gold),
        "open": ask(personas.alice, "Invoices in euros", category=open_),
        "members": ask(personas.bob, "Exporting tickets", category=members),
    }


def _titles(reader):
    return set(topics_visible_to(reader).values_list("title", flat=True))


def test_each_reader_sees_only_their_categories(personas, topics):
    assert _titles(None) == {"Invoices in euros"}
    assert _titles(personas.bob) == {"Invoices in euros", "Exporting tickets"}
    assert _titles(personas.alice) == {
        "Invoices in euros", "Exporting tickets", "Priority routing for Gold",
    }  # fmt: skip
    assert "Rota for the holidays" in _titles(personas.tier1)
    assert "Staff room" not in {c.name for c in categories_visible_to(personas.alice)}


def test_closed_topic_page_is_not_found(client, login, personas, topics):
    login(personas.bob)
    assert client.get(f"/community/t/{topics['gold'].pk}/").status_code == 404
    assert client.get(f"/community/t/{topics['staff'].pk}/").status_code == 404
    assert client.get("/community/c/gold-lounge/").status_code == 404
    page = client.get("/community/").content.decode()
    assert "Exporting tickets" in page
    assert "Priority routing" not in page and "Rota" not in page


def test_anonymous_reader_sees_public_topics_only(client, personas, topics):
    page = client.get("/community/").content.decode()
    assert "Invoices in euros" in page
    assert "Exporting tickets" not in page
    assert client.get(f"/community/t/{topics['members'].pk}/").status_code == 404


def test_closed_topics_never_show_in_similar_topics_or_help_search(client, login, personas, topics):
    login(personas.bob)
    similar = client.get("/community/similar", {"title": "priority routing gold"}).content.decode()
    assert "Priority routing" not in similar
    search = client.get("/help/search", {"q": "priority routing"}).content.decode()
    assert "Priority routing" not in search
    login(personas.alice)
    similar = client.get("/community/similar", {"title": "priority routing gold"}).content.decode()
    assert "Priority routing for Gold" in similar


def test_members_cannot_post_in_closed_category(personas, topics):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        ask(personas.bob, "Sneaking in", category=topics["gold"].category)

"""GET /api/v1/search?scope=community: forum topics in the search API's item shape, each
persona finding exactly the topics of the categories it may read (the rule is applied
inside the query, so pages and `next` links never leak a closed topic)."""

import pytest

from charterdesk.community import services
from charterdesk.community.models import Access

from .helpers import ask, category, reply

URL = "/api/v1/search"


@pytest.fixture
def topics(personas):
    carol_org = personas.carol.contact.organization
    carol_org.is_partner = True
    carol_org.save(update_fields=["is_partner"])
    made = {
        "open": ask(personas.alice, "Invoice totals in euros", category=category("General")),
        "members": ask(
            personas.bob, "Invoice export to CSV", category=category("Members", Access.CUSTOMERS)
        ),
        "gold": ask(
            personas.alice,
            "Invoice approvals for Gold",
            category=category("Gold lounge", Access.PLANS, plans=("Gold",)),
        ),
        "partners": ask(
            personas.tier1,
            "Invoice rebates for partners",
            category=category("Partner corner", Access.PARTNERS),
        ),
        "staff": ask(
            personas.tier2, "Invoice bug triage rota", category=category("Staff", Access.STAFF)
        ),
    }
    held = ask(personas.bob, "Invoice spam spam", category=category("General"))
    services.post_review(
        actor=personas.tier1, post=held.posts.get(number=1), approve=False, reason="Spam"
    )
    return made


def _found(client) -> set[str]:
    body = client.get(URL, {"q": "invoice", "scope": "community", "limit": 50}).json()
    return {item["title"].replace("<mark>", "").replace("</mark>", "") for item in body["items"]}


def test_items_have_the_search_shape_and_the_topic_page(api, personas, topics):
    body = api.as_(personas.alice).get(URL, {"q": "euros", "scope": "community"}).json()
    [item] = body["items"]
    assert item["kind"] == "topic"
    assert item["id"] == topics["open"].pk
    assert item["url"] == f"/community/t/{topics['open'].pk}/"
    assert "<mark>euros</mark>" in item["title"]
    assert item["score"] > 0


def test_each_persona_finds_only_the_categories_it_reads(api, personas, topics):
    assert _found(api.as_(personas.alice)) == {
        "Invoice totals in euros", "Invoice export to CSV", "Invoice approvals for Gold",
    }  # fmt: skip
    assert _found(api.as_(personas.bob)) == {"Invoice totals in euros", "Invoice export to CSV"}
    assert _found(api.as_(personas.carol)) == {
        "Invoice totals in euros", "Invoice export to CSV", "Invoice rebates for partners",
    }  # fmt: skip
    staff = {t.title for t in topics.values()}
    assert _found(api.as_(personas.tier1)) == staff
    assert _found(api.as_(personas.manager)) == staff


def test_pages_never_leak_a_closed_topic(api, personas, topics):
    client = api.as_(personas.bob)
    body = client.get(URL, {"q": "invoice", "scope": "community", "limit": 1}).json()
    seen = [body["items"][0]["id"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        seen += [item["id"] for item in body["items"]]
    assert sorted(seen) == sorted([topics["open"].pk, topics["members"].pk])


def test_a_hidden_answer_tops_no_ones_results(api, personas, topics):
    answer = reply(personas.tier1, topics["open"], "Invoices are rounded per line.")
    services.post_review(actor=personas.tier1, post=answer, approve=False, reason="Wrong")
    body = api.as_(personas.bob).get(URL, {"q": "rounded", "scope": "community"}).json()
    assert body["items"] == []


def test_without_a_token_it_is_refused(client, topics):
    response = client.get(URL, {"q": "invoice", "scope": "community"})
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")


def test_unknown_scope_is_a_field_problem(api, personas):
    response = api.as_(personas.alice).get(URL, {"q": "invoice", "scope": "forum"})
    assert response.status_code == 422
    assert "scope" in response.content.decode()

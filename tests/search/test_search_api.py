"""GET /api/v1/search: the shape, the scopes, paging and problem+json for bad input."""

from types import SimpleNamespace

import pytest

from charterdesk.search import documents
from charterdesk.search.documents import Document
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

URL = "/api/v1/search"


@pytest.fixture
def tickets(personas: SimpleNamespace) -> list[int]:
    made = []
    for n in range(3):
        ticket = open_ticket(subject=f"Firmware update {n}", body="The firmware update stalls.")
        made.append(ticket.pk)
    message_add(ticket, personas.tier1, "Secret: vendor bug VX-9 platypus.", visibility="internal")
    return made


def test_agent_search_answers_items_with_marked_title_and_url(
    api, personas: SimpleNamespace, tickets: list[int]
) -> None:
    body = api.as_(personas.tier1).get(URL, {"q": "firmware", "limit": 2}).json()
    assert [item["kind"] for item in body["items"]] == ["ticket", "ticket"]
    first = body["items"][0]
    assert first["id"] in tickets
    assert "<mark>Firmware</mark>" in first["title"]
    assert first["url"] == f"/desk/tickets/{first['id']}/"
    assert first["score"] > 0
    assert body["corrected_query"] is None
    rest = api.as_(personas.tier1).get(body["next"]).json()
    assert len(rest["items"]) == 1 and rest["next"] is None
    assert {i["id"] for i in body["items"] + rest["items"]} == set(tickets)


def test_customer_gets_portal_urls_and_never_internal_text(
    api, personas: SimpleNamespace, tickets: list[int]
) -> None:
    client = api.as_(personas.alice)
    body = client.get(URL, {"q": "firmware"}).json()
    assert {item["url"] for item in body["items"]} == {f"/portal/tickets/{t}/" for t in tickets}
    assert client.get(URL, {"q": "platypus"}).json()["items"] == []
    assert api.as_(personas.bob).get(URL, {"q": "firmware"}).json()["items"] == []


def test_corrected_query_and_its_results(
    api, personas: SimpleNamespace, tickets: list[int]
) -> None:
    body = api.as_(personas.tier1).get(URL, {"q": "firmwear"}).json()
    assert body["corrected_query"] == "firmware"
    assert len(body["items"]) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({"q": "x" * 501}, "q"),
        ({"q": "created>later"}, "q"),
        ({"q": "a", "limit": 0}, "limit"),
        ({"q": "a", "limit": 101}, "limit"),
        ({"q": "a", "scope": "everything"}, "scope"),
        ({"q": "a", "cursor": "garbage"}, "cursor"),
    ],
)
def test_bad_input_is_a_problem_with_the_field(
    api, personas: SimpleNamespace, params: dict[str, object], field: str
) -> None:
    response = api.as_(personas.tier1).get(URL, params)
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]


def test_articles_scope_searches_registered_articles_within_visibility(
    api, personas: SimpleNamespace
) -> None:
    client = api.as_(personas.alice)
    owners = documents.kinds().get("article")  # the knowledge base's, once it is installed
    documents.unregister_kind("article")
    assert client.get(URL, {"q": "saml", "scope": "articles"}).json()["items"] == []
    documents.register_kind(
        "article",
        rebuild=lambda: iter(()),
        count=lambda: 0,
        visible_to=lambda user: type(user).objects.filter(pk=personas.tier1.pk),
        url=lambda pk: f"/help/articles/{pk}",
    )
    try:
        documents.upsert(Document("article", personas.tier1.pk, "Rotate the SAML certificate"))
        documents.upsert(Document("article", personas.tier2.pk, "SAML for internal use"))
        body = client.get(URL, {"q": "saml", "scope": "articles"}).json()
        assert [(i["kind"], i["id"]) for i in body["items"]] == [("article", personas.tier1.pk)]
        assert body["items"][0]["url"] == f"/help/articles/{personas.tier1.pk}"
    finally:
        documents.unregister_kind("article")
        if owners is not None:
            documents.register_kind(
                "article",
                rebuild=owners.rebuild,
                count=owners.count,
                visible_to=owners.visible_to,
                url=owners.url,
            )

"""Solved tickets no article answered and help-center searches that found nothing, ranked
by volume, each with "Draft an article"."""

from django.urls import reverse

from charterdesk.insights.gaps.models import GapDraft
from charterdesk.knowledge.models import Article, HelpSearch, LinkUse
from charterdesk.knowledge.services import article_create
from charterdesk.tickets.category_models import CategorySource
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add, ticket_categorize, ticket_update
from tests.tickets.factories import open_ticket

from .helpers import tree


def solved(personas, category=None, subject="Refund for March", answer=True) -> Ticket:  # type: ignore[no-untyped-def]
    ticket = open_ticket(
        "alice@acme.example", subject=subject, body="Alice Archer at Acme Corp: order 88123."
    )
    if category is not None:
        ticket_categorize(ticket, category, by=None, source=CategorySource.RULE)
    if answer:
        message_add(ticket, personas.tier1, "Open Billing, then Refunds, then ask.", "public")
    ticket_update(ticket, personas.tier1, status="solved")
    return ticket


def gaps_page(client) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("insights:gaps")).content.decode()


def test_solved_tickets_without_an_article_are_a_gap_ranked_by_volume(personas, login):
    billing, refunds = tree(personas.manager)
    for _ in range(4):
        solved(personas, refunds)
    for _ in range(3):
        solved(personas, billing)
    page = gaps_page(login(personas.tier1))
    section = page.split('id="ticket-gaps"')[1].split("</section>")[0]
    assert section.index("Billing › Refunds") < section.index("<td>Billing</td>")
    assert ">4</a>" in section and ">3</a>" in section


def test_tickets_answered_with_an_article_are_no_gap(personas, login):
    _, refunds = tree(personas.manager)
    tickets = [solved(personas, refunds) for _ in range(3)]
    article = article_create(author=personas.tier1, title="Refunds", body="How refunds work.")
    LinkUse.objects.create(article=article, ticket=tickets[0], agent=personas.tier1)
    page = gaps_page(login(personas.tier1))
    assert "Billing › Refunds" not in page.split('id="ticket-gaps"')[1].split("</section>")[0]


def test_tickets_without_a_category_are_grouped_by_a_word_of_the_subject(personas, login):
    for subject in ("Exporting invoices", "Invoices missing", "Where are invoices?"):
        solved(personas, subject=subject)
    section = gaps_page(login(personas.tier1)).split('id="ticket-gaps"')[1]
    assert "invoices" in section.split("</section>")[0]


def test_searches_that_found_nothing_are_ranked_by_how_often(personas, login):
    for query, results in [("SSO setup", 0), ("sso setup ", 0), ("saml", 0), ("refund", 4)]:
        HelpSearch.objects.create(query=query, results=results)
    section = gaps_page(login(personas.tier1)).split('id="search-gaps"')[1].split("</section>")[0]
    assert section.index("sso setup") < section.index("saml")
    assert "refund" not in section


def test_drafting_from_a_ticket_gap_takes_out_the_customer_and_happens_once(personas, login):
    _, refunds = tree(personas.manager)
    for _ in range(3):
        solved(personas, refunds)
    client = login(personas.tier1)
    form = {"kind": "category", "key": str(refunds.pk)}
    response = client.post(reverse("insights:gap_draft"), form)
    article = Article.objects.get()
    assert response["Location"] == reverse("knowledge:edit", args=[article.pk])
    body = article.latest_version.body  # type: ignore[union-attr]
    assert "Open Billing, then Refunds" in body
    assert "Alice" not in body and "Acme" not in body and "88123" not in body
    again = client.post(reverse("insights:gap_draft"), form)
    assert again["Location"] == response["Location"] and Article.objects.count() == 1
    assert f'href="{response["Location"]}"' in gaps_page(client)


def test_a_gap_without_a_public_answer_says_so(personas, login):
    _, refunds = tree(personas.manager)
    for _ in range(3):
        solved(personas, refunds, answer=False)
    client = login(personas.tier1)
    client.post(reverse("insights:gap_draft"), {"kind": "category", "key": str(refunds.pk)})
    assert "has a public answer" in gaps_page(client)
    assert not GapDraft.objects.exists()


def test_drafting_from_a_search_titles_the_draft_with_the_query(personas, login):
    HelpSearch.objects.create(query="sso setup", results=0)
    client = login(personas.tier1)
    client.post(reverse("insights:gap_draft"), {"kind": "search", "key": "sso setup"})
    article = Article.objects.get()
    assert str(article) == "Sso setup"
    assert article.state == "draft" and article.visibility == "customers"


def test_customers_cannot_see_the_gaps(personas, login):
    assert login(personas.alice).get(reverse("insights:gaps")).status_code in (302, 403)


def test_the_api_lists_the_gaps_and_drafts_once(personas, api):
    HelpSearch.objects.create(query="sso setup", results=0)
    client = api.as_(personas.tier1)
    listed = client.get("/api/v1/insights/gaps").json()
    assert listed["searches"] == [
        {"kind": "search", "key": "sso setup", "label": "sso setup", "count": 1, "article_id": None}
    ]
    made = client.post(
        "/api/v1/insights/gaps/draft", {"kind": "search", "key": "sso setup"}, "application/json"
    )
    assert made.status_code == 201
    again = client.post(
        "/api/v1/insights/gaps/draft", {"kind": "search", "key": "sso setup"}, "application/json"
    )
    assert again.status_code == 200 and again.json() == made.json() | {"created": False}
    bad = client.post("/api/v1/insights/gaps/draft", {"kind": "x", "key": ""}, "application/json")
    assert bad.status_code == 422 and "kind" in bad.content.decode()


def test_customers_cannot_read_the_gaps_in_the_api(personas, api):
    assert api.as_(personas.alice).get("/api/v1/insights/gaps").status_code == 403

"""Flags raised on articles from tickets wait on the desk's flags page, grouped by
article, until the article's owner or a reviewer resolves or dismisses each one with a
note; the article list counts them; the flag keeps who closed it, when and why."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.intake.services import ticket_create
from charterdesk.knowledge.models import ArticleFlag, FlagOutcome
from charterdesk.knowledge.services import flag_raise

from .helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(personas):
    return ticket_create(
        requester=personas.alice.contact,
        subject="Export to CSV drops the last column",
        body="The export no longer matches what the article says.",
        request_type="error",
        priority="normal",
        actor=personas.alice,
    )


@pytest.fixture
def article(personas):
    return published(personas.manager, "Export tickets to CSV", owner=personas.tier1)


def test_owner_sees_open_flags_of_the_article_with_their_reason(login, personas, ticket, article):
    flag_raise(ticket, personas.tier2, kind="wrong", article=article, note="Column list is old")
    flag_raise(ticket, personas.tier3, kind="needed", note="Explain scheduled exports")
    html = login(personas.tier1).get("/desk/articles/flags").content.decode()
    assert "Export tickets to CSV" in html
    assert "Column list is old" in html
    assert "Article needed" in html and "Explain scheduled exports" in html
    assert "Open (2)" in html
    assert html.count('name="outcome" value="resolved"') == 1  # not the owner of "needed"


def test_owner_resolves_a_flag_with_a_note_and_it_is_kept(login, personas, ticket, article):
    flag = flag_raise(ticket, personas.tier2, kind="wrong", article=article, note="Old columns")
    client = login(personas.tier1)
    response = client.post(
        f"/desk/articles/flags/{flag.pk}/resolve",
        {"outcome": "resolved", "note": "Listed the new columns"},
        follow=True,
    )
    assert "Flag resolved." in response.content.decode()
    assert "Old columns" not in response.content.decode()  # no longer open
    flag.refresh_from_db()
    assert (flag.outcome, flag.resolution_note, flag.resolved_by) == (
        FlagOutcome.RESOLVED,
        "Listed the new columns",
        personas.tier1,
    )
    assert flag.resolved_at is not None
    closed = client.get("/desk/articles/flags?state=closed").content.decode()
    assert "Listed the new columns" in closed and "Resolved" in closed


def test_dismissing_without_a_note_shows_the_error_next_to_the_flag(
    login, personas, ticket, article
):
    flag = flag_raise(ticket, personas.tier2, kind="wrong", article=article)
    response = login(personas.tier1).post(
        f"/desk/articles/flags/{flag.pk}/resolve", {"outcome": "dismissed", "note": "  "}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert ArticleFlag.objects.get(pk=flag.pk).resolved_at is None


def test_an_agent_who_does_not_own_the_article_cannot_close_its_flags(
    login, personas, ticket, article
):
    flag = flag_raise(ticket, personas.tier2, kind="wrong", article=article)
    client = login(personas.tier2)
    assert 'value="resolved"' not in client.get("/desk/articles/flags").content.decode()
    response = client.post(
        f"/desk/articles/flags/{flag.pk}/resolve", {"outcome": "dismissed", "note": "Fine"}
    )
    assert response.status_code == 403
    assert ArticleFlag.objects.get(pk=flag.pk).resolved_at is None


def test_a_reviewer_dismisses_a_request_for_a_new_article(login, personas, ticket):
    flag = flag_raise(ticket, personas.tier1, kind="needed", note="Dark mode")
    login(personas.manager).post(
        f"/desk/articles/flags/{flag.pk}/resolve",
        {"outcome": "dismissed", "note": "Covered by Appearance settings"},
    )
    flag.refresh_from_db()
    assert (flag.outcome, flag.resolved_by) == (FlagOutcome.DISMISSED, personas.manager)


def test_a_flag_closed_in_another_tab_is_not_closed_twice(login, personas, ticket, article):
    flag = flag_raise(ticket, personas.tier2, kind="wrong", article=article)
    login(personas.manager).post(
        f"/desk/articles/flags/{flag.pk}/resolve", {"outcome": "resolved", "note": "Fixed"}
    )
    response = login(personas.tier1).post(
        f"/desk/articles/flags/{flag.pk}/resolve",
        {"outcome": "dismissed", "note": "Nothing wrong"},
        follow=True,
    )
    assert "already resolved by" in response.content.decode()
    flag.refresh_from_db()
    assert (flag.outcome, flag.resolution_note) == (FlagOutcome.RESOLVED, "Fixed")


def test_customers_cannot_see_or_close_flags(login, personas, ticket, article):
    flag = flag_raise(ticket, personas.tier2, kind="wrong", article=article)
    client = login(personas.alice)
    assert client.get("/desk/articles/flags").status_code in (302, 403)
    response = client.post(
        f"/desk/articles/flags/{flag.pk}/resolve", {"outcome": "dismissed", "note": "x"}
    )
    assert response.status_code in (302, 403)
    assert ArticleFlag.objects.get(pk=flag.pk).resolved_at is None


def test_article_list_counts_open_flags(login, personas, ticket, article):
    flag_raise(ticket, personas.tier2, kind="wrong", article=article, note="a")
    flag_raise(ticket, personas.tier3, kind="wrong", article=article, note="b")
    flag_raise(ticket, personas.tier3, kind="needed", note="c")
    html = login(personas.tier1).get("/desk/articles/").content.decode()
    assert "3 open flags" in html and "on 1 article" in html
    assert "1 asking for a new article" in html
    assert ">2 flags</a>" in html


def test_flags_page_costs_the_same_queries_for_more_flags(
    login, personas, ticket, django_assert_max_num_queries
):
    client = login(personas.tier1)
    for i in range(2):
        owned = published(personas.manager, f"Article {i}", owner=personas.tier1)
        flag_raise(ticket, personas.tier2, kind="wrong", article=owned, note=f"n{i}")
    client.get("/desk/articles/flags")
    with CaptureQueriesContext(connection) as few:
        client.get("/desk/articles/flags")
    for i in range(2, 12):
        owned = published(personas.manager, f"Article {i}", owner=personas.tier1)
        flag_raise(ticket, personas.tier2, kind="wrong", article=owned, note=f"n{i}")
    with django_assert_max_num_queries(len(few)):
        client.get("/desk/articles/flags")

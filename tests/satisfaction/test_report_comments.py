"""The satisfaction report shows what customers wrote, newest first, linked to the ticket."""

from datetime import datetime, timedelta

from django.utils import timezone

from charterdesk.satisfaction.selectors import COMMENTS_PER_PAGE
from charterdesk.satisfaction.services import survey_answer
from tests.satisfaction.factories import solved_ticket, surveyed

MARCH = datetime(2026, 3, 10, 12, tzinfo=timezone.get_current_timezone())
URL = "/desk/reports/satisfaction?group=agent&start=2026-03-01&end=2026-03-31"


def _answered(email, rating, comment, at):
    survey = surveyed(solved_ticket(email))
    survey_answer(survey, rating, comment, at)
    return survey.ticket


def test_report_shows_comments_newest_first_with_the_ticket(personas, login):
    older = _answered("alice@acme.example", 2, "Took three days to hear back.", MARCH)
    newer = _answered("bob@globex.example", 5, "Fixed within the hour!", MARCH + timedelta(1))
    _answered("alice@acme.example", 4, "", MARCH)  # no comment: not listed

    html = login(personas.manager).get(URL).content.decode()

    section = html[html.index('id="comments"') :]
    assert section.index("Fixed within the hour!") < section.index("Took three days")
    assert f'href="/desk/tickets/{newer.pk}/"' in section
    assert f'href="/desk/tickets/{older.pk}/"' in section
    assert "Very happy" in section and "Unhappy" in section
    assert section.count('class="card comment"') == 2


def test_comments_are_paginated_and_the_next_page_keeps_the_filters(
    personas, login, django_assert_max_num_queries
):
    for n in range(COMMENTS_PER_PAGE + 1):
        _answered("alice@acme.example", 3, f"Comment number {n}.", MARCH + timedelta(minutes=n))
    client = login(personas.manager)

    with django_assert_max_num_queries(12):
        first = client.get(URL).content.decode()
    assert first.count('class="card comment"') == COMMENTS_PER_PAGE
    assert "Comment number 0." not in first
    assert "start=2026-03-01&amp;end=2026-03-31&amp;page=2#comments" in first

    second = client.get(URL + "&page=2").content.decode()
    assert second.count('class="card comment"') == 1
    assert "Comment number 0." in second


def test_period_without_comments_says_so(personas, login):
    html = login(personas.manager).get(URL).content.decode()
    assert "No comments in this period." in html

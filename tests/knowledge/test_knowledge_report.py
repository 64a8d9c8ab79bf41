"""The knowledge-base report shows managers the deflection rate, searches that found
nothing, poorly rated and stale articles and the self-service score; agents may not see it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.intake.services import ticket_create
from charterdesk.knowledge.models import Article
from charterdesk.knowledge.services import (
    feedback_record,
    flag_raise,
    search_log,
    suggestion_solved,
    suggestions_shown,
    visit_record,
)

from .helpers import published

pytestmark = pytest.mark.django_db


def test_manager_sees_what_the_help_center_did(login, personas):
    good = published(personas.manager, "Download invoices as PDF")
    poor = published(personas.manager, "Why was I charged twice")
    Article.objects.filter(pk=poor.pk).update(review_by=timezone.localdate() - timedelta(days=3))
    suggestions_shown(personas.alice, "t1", [good])
    suggestion_solved(personas.alice, "t1", good)
    suggestions_shown(personas.bob, "t2", [poor])
    feedback_record(poor, voter="browser:abc", helpful=False, comment="Still charged twice")
    search_log("dark mode", 0, signed_in=False)
    visit_record("browser:abc", timezone.now())
    ticket = ticket_create(
        requester=personas.bob.contact, subject="Dark mode?", body="Is there a dark mode?",
        request_type="how_to", priority="low", actor=personas.bob,
    )  # fmt: skip
    flag_raise(ticket, personas.tier1, kind="needed", note="Explain dark mode settings")
    html = login(personas.manager).get("/desk/articles/report").content.decode()
    assert "50%" in html  # one of two requests with suggestions was solved
    assert "“dark mode”" in html
    assert "1 not helpful, 0 helpful" in html
    assert "review by" in html and "Why was I charged twice" in html
    assert "help-center visitor" in html
    assert "Article needed" in html and "Explain dark mode settings" in html


def test_agent_cannot_open_the_report(login, personas):
    assert login(personas.tier1).get("/desk/articles/report").status_code == 403

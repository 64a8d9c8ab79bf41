"""The demo tells stories that could have happened: nothing is promised, estimated, logged
or surveyed before the ticket it belongs to was opened (or, for surveys, solved)."""

import pytest
from django.core.management import call_command

from charterdesk.commitments.models import Commitment
from charterdesk.estimates.models import Estimate
from charterdesk.hours.models import TimeEntry
from charterdesk.satisfaction.models import Survey
from charterdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(personas):
    call_command("demo")
    assert Ticket.objects.exists()


def _late(rows):
    return [row for row in rows if row[1] < row[2]]


def test_promises_are_made_after_their_ticket_opened_and_due_after_they_were_made(demo):
    rows = [
        (f"{c.ticket.subject}: {c.text}", c.created_at, c.ticket.created_at)
        for c in Commitment.objects.select_related("ticket")
    ]
    assert rows
    assert _late(rows) == []
    assert [c.text for c in Commitment.objects.all() if c.due_at < c.created_at] == []


def test_estimates_are_sent_after_their_ticket_opened_and_decided_after_they_were_sent(demo):
    estimates = list(Estimate.objects.select_related("ticket"))
    assert estimates
    assert _late([(e.ticket.subject, e.created_at, e.ticket.created_at) for e in estimates]) == []
    assert [
        e.ticket.subject for e in estimates if e.decided_at and e.decided_at < e.created_at
    ] == []


def test_time_is_worked_and_logged_after_the_ticket_opened(demo):
    entries = list(TimeEntry.objects.select_related("ticket"))
    assert entries
    worked = [(f"{t.ticket.subject}: {t.note}", t.worked_at, t.ticket.created_at) for t in entries]
    assert _late(worked) == []
    assert [t.note for t in entries if t.created_at < t.worked_at] == []


def test_messages_follow_the_ticket_they_belong_to(demo):
    rows = [
        (m.ticket.subject, m.created_at, m.ticket.created_at)
        for m in Message.objects.select_related("ticket")
    ]
    assert _late(rows) == []


def test_surveys_are_sent_after_solving_and_answered_after_sending(demo):
    surveys = list(Survey.objects.select_related("ticket"))
    assert surveys
    for survey in surveys:
        solved = survey.ticket.solved_at
        assert solved is not None and survey.sent_at >= solved, survey.ticket.subject
        if survey.answered_at is not None:
            assert survey.answered_at >= survey.sent_at, survey.ticket.subject


def test_an_estimate_comes_after_the_reply_that_announces_it(demo):
    announced = 0
    for estimate in Estimate.objects.select_related("ticket"):
        announcements = [
            m.created_at
            for m in estimate.ticket.messages.filter(visibility="public")
            if m.author_id != estimate.ticket.requester.user_id and "estimate" in m.body.lower()
        ]
        if announcements:
            announced += 1
            assert min(announcements) <= estimate.created_at, estimate.ticket.subject
    assert announced


def test_the_dashboard_has_answers_for_satisfaction_today(demo):
    from django.utils import timezone

    from charterdesk.workspace.dashboard.now import satisfaction_today

    today = satisfaction_today(timezone.now())
    assert today.answered >= 2
    late = Survey.objects.filter(answered_at__gt=timezone.now())
    assert not late.exists()  # nothing answered in the future

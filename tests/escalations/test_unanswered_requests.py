from datetime import timedelta

from django.utils import timezone

from charterdesk.core.schedule import JOBS
from charterdesk.escalations.requests import escalation_request_answer, escalation_request_create
from charterdesk.escalations.sweep import sweep
from charterdesk.escalations.tasks import remind_escalation_requests
from tests.escalations.helpers import mail_to
from tests.tickets.factories import open_ticket


def test_an_unanswered_request_is_brought_back_to_the_line_once(personas):
    ticket = open_ticket()
    made = timezone.now()
    asked = escalation_request_create(ticket, personas.alice, reason="Still down", at=made)
    assert sweep(made + timedelta(hours=3)).reminded == []
    assert sweep(made + timedelta(hours=5)).reminded == [asked.pk]
    assert sweep(made + timedelta(hours=9)).reminded == []
    waiting = [
        m for m in mail_to("manager@charterdesk.example", ticket) if "Still unanswered" in m.subject
    ]
    assert len(waiting) == 1 and "Still down" in waiting[0].text


def test_answered_requests_are_not_reminded(personas):
    ticket = open_ticket()
    made = timezone.now()
    asked = escalation_request_create(ticket, personas.alice, reason="x", at=made)
    escalation_request_answer(asked, personas.tier1, accept=False, answer="Fixed", at=made)
    assert sweep(made + timedelta(hours=5)).reminded == []


def test_the_reminder_is_a_scheduled_job(personas):
    assert "charterdesk.escalations.tasks.remind_escalation_requests" in {
        j.task.module_path for j in JOBS
    }
    made = timezone.now() - timedelta(hours=5)
    escalation_request_create(open_ticket(), personas.alice, reason="x", at=made)
    assert remind_escalation_requests.call() == {"reminded": 1}

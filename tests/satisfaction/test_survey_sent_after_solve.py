from datetime import timedelta

from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.mail.models import OutboundMail
from charterdesk.plans.models import Plan
from charterdesk.satisfaction.models import Survey
from charterdesk.satisfaction.sweep import send_due_surveys
from charterdesk.tickets.models import EventKind
from tests.satisfaction.factories import solved_ticket


def test_the_requester_gets_a_one_click_survey_after_the_plans_delay(personas):
    ticket = solved_ticket(hours_ago=25)  # Gold: 24 hours
    assert send_due_surveys(timezone.now()) == 1
    mail = OutboundMail.objects.get(ticket=ticket, subject__contains="How did we do?")
    assert mail.to == ["alice@acme.example"]
    links = [line for line in mail.text.splitlines() if "/survey/" in line]
    assert len(links) == 5 and "5 - Very happy:" in links[0] and "?rating=5" in links[0]
    survey = Survey.objects.get(ticket=ticket)
    assert (survey.agent, survey.queue, survey.plan.name) == (
        personas.tier1,
        ticket.queue,
        "Gold",
    )
    assert ticket.events.filter(kind=EventKind.SURVEY, new_value="sent").exists()


def test_no_survey_before_the_delay_set_in_the_plan(personas):
    Plan.objects.filter(name="Silver").update(survey_delay_hours=72)
    ticket = solved_ticket("bob@globex.example", hours_ago=25)
    assert send_due_surveys(timezone.now()) == 0
    assert send_due_surveys(timezone.now() + timedelta(hours=48)) == 1
    assert Survey.objects.filter(ticket=ticket).exists()


def test_each_ticket_gets_one_survey_however_often_the_job_runs(personas):
    ticket = solved_ticket()
    now = timezone.now()
    assert [send_due_surveys(now), send_due_surveys(now + timedelta(hours=1))] == [1, 0]
    assert OutboundMail.objects.filter(ticket=ticket, subject__contains="How did we").count() == 1


def test_open_tickets_get_no_survey(personas):
    from tests.tickets.factories import open_ticket

    open_ticket()
    assert send_due_surveys(timezone.now() + timedelta(days=3)) == 0


def test_a_bouncing_requester_gets_the_survey_in_the_portal_only(personas, login):
    Contact.objects.filter(email="alice@acme.example").update(bouncing_since=timezone.now())
    ticket = solved_ticket()
    send_due_surveys(timezone.now())
    assert not Survey.objects.get(ticket=ticket).mailed
    assert not OutboundMail.objects.filter(ticket=ticket, subject__contains="How did").exists()
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "How did we do?" in page and "Send answer" in page


def test_the_survey_job_is_scheduled():
    from charterdesk.core.schedule import JOBS

    assert "charterdesk.satisfaction.tasks.send_surveys" in {job.task.module_path for job in JOBS}

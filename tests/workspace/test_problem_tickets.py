import pytest
from django.core.exceptions import ValidationError

from charterdesk.mail.models import OutboundMail
from charterdesk.tickets.models import CustomField, Status, Ticket, TicketEvent
from charterdesk.tickets.selectors import field_values_of
from charterdesk.tickets.services import ticket_set_fields
from charterdesk.workspace.links import link_add
from charterdesk.workspace.models import LinkKind
from charterdesk.workspace.problems import problem_solve, ticket_mark_problem
from tests.tickets.factories import open_ticket


@pytest.fixture
def problem_with_incidents(personas):
    problem = open_ticket(subject="Exports time out for everyone")
    ticket_mark_problem(problem, personas.tier2)
    incidents = [
        open_ticket(subject="Export timeout"),
        open_ticket(email="wile@acme.example", subject="Export hangs"),
        open_ticket(email="alice@acme.example", subject="Export never ends"),
    ]
    for incident in incidents:
        link_add(incident, problem, LinkKind.INCIDENT_OF, personas.tier2)
    return problem, incidents


def test_solving_the_problem_answers_and_solves_every_incident(
    personas, problem_with_incidents, django_capture_on_commit_callbacks
):
    problem, incidents = problem_with_incidents
    with django_capture_on_commit_callbacks() as callbacks:
        solved = problem_solve(problem, personas.tier2, "Hi {{ requester.first_name }}, fixed.")
    assert sorted(solved.solved) == sorted(t.pk for t in incidents)
    assert len(callbacks) >= 3  # the replies leave through the outbox after the commit
    for incident in Ticket.objects.filter(pk__in=solved.solved):
        assert incident.status == Status.SOLVED
        reply = incident.messages.last()
        assert reply.body == f"Hi {incident.requester.name.split()[0]}, fixed."
        assert OutboundMail.objects.filter(ticket=incident, recipient=incident.requester.email)
        assert TicketEvent.objects.filter(ticket=incident, field="status", new_value="solved")
    assert Ticket.objects.get(pk=problem.pk).status == Status.SOLVED


def test_nothing_is_solved_when_one_incident_cannot_be(personas, problem_with_incidents):
    problem, incidents = problem_with_incidents
    CustomField.objects.create(key="cause", label="Root cause", required_to_solve=True)
    with pytest.raises(ValidationError, match="needs Root cause"):
        problem_solve(problem, personas.tier2, "Fixed.")
    assert not Ticket.objects.filter(pk__in=[t.pk for t in incidents], status="solved")


def test_a_wrong_placeholder_is_a_field_error(personas, problem_with_incidents):
    problem, _ = problem_with_incidents
    with pytest.raises(ValidationError, match="Unknown placeholders"):
        problem_solve(problem, personas.tier2, "Hi {{ settings.SECRET_KEY }}")


def test_only_a_problem_ticket_takes_incidents(personas):
    plain, incident = open_ticket(), open_ticket(subject="Other")
    with pytest.raises(ValidationError, match="not a problem ticket"):
        link_add(incident, plain, LinkKind.INCIDENT_OF, personas.tier1)
    ticket_mark_problem(plain, personas.tier1)
    link_add(incident, plain, LinkKind.INCIDENT_OF, personas.tier1)
    with pytest.raises(ValidationError, match="Unlink its incident"):
        ticket_mark_problem(plain, personas.tier1, False)


def test_the_solve_form_on_the_problem_page(personas, login, problem_with_incidents):
    problem, incidents = problem_with_incidents
    client = login(personas.tier2)
    page = client.get(f"/desk/tickets/{problem.pk}/").content.decode()
    assert "Solve the problem and its 3 incident tickets" in page
    bad = client.post(f"/desk/tickets/{problem.pk}/solve", {"reply": "{{ nope }}"})
    assert bad.status_code == 200
    assert "Unknown placeholders" in bad.content.decode()
    done = client.post(f"/desk/tickets/{problem.pk}/solve", {"reply": "Fixed."}, follow=True)
    assert "3 incident ticket(s) answered and solved" in done.content.decode()


def test_incidents_of_other_organizations_are_answered_each_on_their_own(personas, login):
    problem = open_ticket(subject="Sign-in fails for everyone")
    ticket_mark_problem(problem, personas.tier2)
    bobs = open_ticket(email="bob@globex.example", subject="Cannot sign in")
    link_add(bobs, problem, LinkKind.INCIDENT_OF, personas.tier2)
    with pytest.raises(ValidationError, match="another organization"):
        link_add(open_ticket(email="bob@globex.example"), problem, LinkKind.RELATED, personas.tier2)
    problem_solve(problem, personas.tier2, "Fixed for {{ organization.name }}.")
    page = login(personas.bob).get(f"/portal/tickets/{bobs.pk}/").content.decode()
    assert "Fixed for Globex" in page
    assert "Sign-in fails for everyone" not in page


def test_the_problems_root_cause_becomes_the_incidents(personas, problem_with_incidents):
    problem, incidents = problem_with_incidents
    CustomField.objects.create(
        key="cause", label="Root cause", required_to_solve=True, kind="dropdown",
        options=["Product defect", "Configuration"],
    )  # fmt: skip
    ticket_set_fields(problem, personas.tier2, {"cause": "Product defect"})
    problem_solve(problem, personas.tier2, "Fixed.")
    for incident in incidents:
        assert field_values_of(personas.tier2, incident)[0][1] == "Product defect"
        assert Ticket.objects.get(pk=incident.pk).status == Status.SOLVED

"""Every new request is triaged once its transaction commits: a confident suggestion is
applied with source "model" and its confidence in the history; an unsure one waits for a
person, with the model's best guess kept."""

import pytest

from charterdesk.intake.services import ticket_create
from charterdesk.routing.models import Queue, RoutingRule
from charterdesk.tickets.models import TicketEvent, TypeSource
from charterdesk.tickets.wording import event_line
from charterdesk.triage.models import TriageSettings, TriageSuggestion

pytestmark = pytest.mark.django_db


def _new(personas, django_capture_on_commit_callbacks, subject, body, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = ticket_create(
            requester=personas.alice.contact, subject=subject, body=body, **extra
        )
    ticket.refresh_from_db()
    return ticket


def test_a_confident_suggestion_is_applied_with_its_confidence_in_the_history(
    personas, trained, categories, django_capture_on_commit_callbacks
) -> None:
    ticket = _new(
        personas,
        django_capture_on_commit_callbacks,
        "The site is down",
        "Outage right now, 502 bad gateway on every page",
    )
    assert ticket.category == categories["outage"]
    assert ticket.category_source == "model"
    line = TicketEvent.objects.get(ticket=ticket, field="category")
    assert event_line(line) == "Category: — → Support › Outage"
    assert line.note == f"by model, {ticket.category_confidence:.2f}"
    assert ticket.category_confidence >= trained.threshold


def test_the_request_type_is_set_only_when_the_customer_chose_none(
    personas, trained, django_capture_on_commit_callbacks
) -> None:
    text = ("Everything is offline", "The site is down: nothing responds")
    guessed = _new(personas, django_capture_on_commit_callbacks, *text)
    assert (guessed.request_type, guessed.type_source) == ("downtime", TypeSource.AUTO)
    chosen = _new(personas, django_capture_on_commit_callbacks, *text, request_type="consulting")
    assert chosen.request_type == "consulting"


def test_an_unsure_suggestion_leaves_the_ticket_to_a_person(
    personas, trained, django_capture_on_commit_callbacks
) -> None:
    ticket = _new(personas, django_capture_on_commit_callbacks, "Hello", "zzkq vrrp plokm qwxz")
    assert ticket.category is None
    suggestion = TriageSuggestion.objects.get(ticket=ticket)
    assert suggestion.abstained and not suggestion.applied
    assert suggestion.category is not None  # the best guess, offered to the agent
    assert not TicketEvent.objects.filter(ticket=ticket, field="category").exists()


def test_nothing_is_applied_when_managers_turned_it_off(
    personas, trained, django_capture_on_commit_callbacks
) -> None:
    TriageSettings.objects.update_or_create(pk=1, defaults={"apply_suggestions": False})
    ticket = _new(
        personas, django_capture_on_commit_callbacks, "Refund", "Please refund the annual invoice"
    )
    assert ticket.category is None
    assert TriageSuggestion.objects.get(ticket=ticket).applied is False


def test_without_a_model_new_requests_are_taken_in_as_before(
    personas, django_capture_on_commit_callbacks
) -> None:
    ticket = _new(personas, django_capture_on_commit_callbacks, "Refund", "Please refund")
    assert ticket.category is None
    assert not TriageSuggestion.objects.exists()


def test_a_new_request_goes_where_its_category_is_routed(
    personas, trained, categories, django_capture_on_commit_callbacks
) -> None:
    incidents = Queue.objects.get(name="Incidents")
    RoutingRule.objects.create(
        name="Outages", queue=incidents, categories=[categories["outage"].pk]
    )
    ticket = _new(
        personas,
        django_capture_on_commit_callbacks,
        "The site is down",
        "Outage right now, 502 bad gateway on every page",
        request_type="how_to",
    )
    assert ticket.category == categories["outage"]
    assert ticket.queue == incidents

"""A desk teaches triage what is not for it: a manager marks a category "not one of our
categories", agents file such requests there, and the next model leaves requests like them
to a person instead of guessing one of the real categories."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from charterdesk.tickets.category_models import Category
from charterdesk.tickets.models import CategorySource, Status
from charterdesk.tickets.services import category_create, ticket_categorize
from charterdesk.triage import engine, runtime
from charterdesk.triage.apply import triage_new_ticket
from charterdesk.triage.categories import training_tickets
from charterdesk.triage.services import triage_run_complete, triage_run_start

from ..tickets.factories import open_ticket
from .corpus import history
from .test_outside import OFF_TOPIC

pytestmark = pytest.mark.django_db


def _solved(category, by, subject):
    ticket = open_ticket(subject=subject)
    ticket_categorize(ticket, category, by=by, source=CategorySource.PERSON)
    ticket.status = Status.SOLVED
    ticket.save(update_fields=["status"])
    return ticket


def test_manager_marks_a_category_as_not_ours_on_its_page(personas, login) -> None:
    client = login(personas.manager)
    client.post(reverse("insights:categories"), {"name": "Not for us", "outside_scope": "on"})
    client.post(reverse("insights:categories"), {"name": "Billing"})
    assert Category.objects.get(path="Not for us").outside_scope
    billing = Category.objects.get(path="Billing")
    assert not billing.outside_scope
    page = client.get(reverse("insights:category", args=[billing.pk])).content.decode()
    assert "Not one of our categories" in page
    listing = client.get(reverse("insights:categories")).content.decode()
    assert listing.count('<span class="muted">Not one of ours</span>') == 1


def test_tickets_filed_as_not_ours_are_learned_as_the_rejection_class(personas) -> None:
    refund = category_create(actor=personas.manager, name="Refunds")
    not_ours = category_create(actor=personas.manager, name="Not for us", outside_scope=True)
    _solved(refund, personas.tier1, "Refund please")
    _solved(not_ours, personas.tier1, "Who won the game last night")
    learned = {(t.subject, t.category) for t in training_tickets()}
    assert learned == {
        ("Refund please", str(refund.pk)),
        ("Who won the game last night", engine.OUTSIDE),
    }


def test_a_request_like_the_ones_not_ours_waits_for_a_person(personas, category_ids) -> None:
    not_ours = category_create(actor=personas.manager, name="Not for us", outside_scope=True)
    for text in OFF_TOPIC:
        _solved(not_ours, personas.tier1, text)
    tickets = history(labels=category_ids) + [
        t for t in training_tickets() if t.category == engine.OUTSIDE
    ]
    run = triage_run_start(requested_by=None, reason="test", at=timezone.now())
    run.precision_target = 0.9
    run = triage_run_complete(run, tickets=tickets, at=timezone.now())
    assert run.status == "ready"
    assert run.category_count == 4  # the four real categories; "not ours" is no category
    runtime.forget()
    ticket = open_ticket(subject="What will the weather be like on Saturday in Rome")
    suggestion = triage_new_ticket(ticket.pk)
    assert suggestion is not None and suggestion.abstained
    assert suggestion.confidence < 0.5  # the rejection class took the probability
    assert suggestion.category is not None and not suggestion.category.outside_scope
    ticket.refresh_from_db()
    assert ticket.category is None  # left to a person, in the triage list


def test_manager_marks_and_unmarks_a_category_over_the_api(api, personas) -> None:
    manager = api.as_(personas.manager)
    made = manager.post(
        "/api/v1/categories",
        json.dumps({"name": "Not for us", "outside_scope": True}),
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["outside_scope"] is True
    changed = manager.patch(
        f"/api/v1/categories/{made.json()['id']}",
        json.dumps({"outside_scope": False}),
        content_type="application/json",
    )
    assert changed.json()["outside_scope"] is False
    assert not Category.objects.get(pk=made.json()["id"]).outside_scope

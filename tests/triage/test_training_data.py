"""What the model learns from: solved tickets whose category a person, a rule or the
import set, and agents' corrections of the model; never the model's own choices."""

import pytest
from django.utils import timezone

from charterdesk.tickets.models import CategorySource, Status
from charterdesk.tickets.services import ticket_categorize
from charterdesk.triage.categories import training_tickets
from charterdesk.triage.sweep import retrain_if_grown

from ..tickets.factories import open_ticket

pytestmark = pytest.mark.django_db


def _solved(category, source, by=None, subject="Refund please"):
    ticket = open_ticket(subject=subject)
    ticket_categorize(ticket, category, by=by, source=source)
    ticket.status = Status.SOLVED
    ticket.save(update_fields=["status"])
    return ticket


def test_corrections_are_learned_and_the_models_own_choices_are_not(personas, categories) -> None:
    refund, outage = categories["refund"], categories["outage"]
    _solved(refund, CategorySource.MODEL, subject="left as the model chose")
    corrected = _solved(outage, CategorySource.MODEL, subject="corrected by an agent")
    ticket_categorize(corrected, refund, by=personas.tier1, source=CategorySource.PERSON)
    _solved(outage, CategorySource.IMPORT, subject="imported")
    open_ticket(subject="still open")
    learned = {(t.subject, t.category) for t in training_tickets()}
    assert learned == {("corrected by an agent", str(refund.pk)), ("imported", str(outage.pk))}


def test_the_scheduler_trains_a_first_model_once_there_is_history(personas, categories) -> None:
    assert retrain_if_grown(timezone.now()) is None  # nothing to learn from yet
    for i in range(6):
        for name in ("refund", "outage"):
            _solved(categories[name], CategorySource.PERSON, personas.tier1, f"{name} number {i}")
    run = retrain_if_grown(timezone.now())
    assert run is not None and run.status == "ready"
    assert run.training_size == 12
    assert retrain_if_grown(timezone.now()) is None  # not grown enough since

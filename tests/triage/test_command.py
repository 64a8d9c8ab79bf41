"""`charterdesk triage train`: progress on stderr, a one-line summary, and a plain failure
when there is nothing to learn from."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from charterdesk.tickets.models import CategorySource, Status
from charterdesk.tickets.services import ticket_categorize
from charterdesk.triage.models import ModelStatus, TriageModel

from ..tickets.factories import open_ticket

pytestmark = pytest.mark.django_db


def test_train_prints_progress_and_a_summary(personas, categories) -> None:
    for i in range(5):
        for name in ("refund", "outage", "password"):
            ticket = open_ticket(subject=f"{name} trouble number {i}", body=f"About {name}.")
            ticket_categorize(
                ticket, categories[name], by=personas.tier1, source=CategorySource.PERSON
            )
            ticket.status = Status.SOLVED
            ticket.save(update_fields=["status"])
    out, err = StringIO(), StringIO()
    call_command("triage", "train", stdout=out, stderr=err)
    assert "15 solved tickets with a category" in err.getvalue()
    assert "held-out accuracy" in err.getvalue()
    model = TriageModel.objects.get(status=ModelStatus.READY)
    assert out.getvalue().startswith(f"Model v{model.version}: 15 tickets, 3 categories")


def test_train_with_no_history_fails_in_one_line(db) -> None:
    with pytest.raises(CommandError, match="failed: at least two categories"):
        call_command("triage", "train", stdout=StringIO(), stderr=StringIO())
    assert not TriageModel.objects.filter(status=ModelStatus.READY).exists()

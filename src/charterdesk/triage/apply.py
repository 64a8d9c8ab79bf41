"""Triage of every new request (portal, mail, API): once the ticket's transaction commits,
a background task (receivers.py) records the serving model's suggestion; above the
threshold the category is set (source `model`, with the confidence, in the ticket's
history) and so is the request type when the customer did not choose one; below it the
ticket waits in the desk's triage list.

In a task, not in the request: applying a category and a request type writes history and
decides coverage and SLA clocks again, which would double the time a request takes to be
taken in (bench/RESULTS.md). The model is loaded once per worker process (runtime.serving)
and a prediction takes a few milliseconds. A failure is logged and never undoes the ticket."""

import logging

from django.db import transaction
from django.utils import timezone

from charterdesk.tickets.models import CategorySource, Message, Status, Ticket, TypeSource
from charterdesk.tickets.services import ticket_categorize, ticket_update

from . import runtime
from .categories import active_category
from .models import TriageSettings, TriageSuggestion

log = logging.getLogger(__name__)

REQUEST_TYPE_MIN_CONFIDENCE = 0.6  # below it the rule-based guess of intake stays


def triage_new_ticket(ticket_id: int) -> TriageSuggestion | None:
    """Suggest, and apply when confident; None when there is no model (or it is off)."""
    try:
        with transaction.atomic():
            return _triage(ticket_id)
    except Exception:  # triage is a help, never a reason to lose a ticket
        log.exception("triage of ticket %s failed", ticket_id)
        return None


def _triage(ticket_id: int) -> TriageSuggestion | None:
    ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
    if ticket is None or ticket.category_id is not None or ticket.status == Status.CLOSED:
        return None
    if hasattr(ticket, "triage_suggestion"):
        return None
    message = Message.objects.filter(ticket=ticket).order_by("created_at", "id").first()
    found = runtime.suggest(ticket.subject, message.body if message else "")
    if found is None:
        return None
    category = active_category(found.category)
    suggestion = TriageSuggestion.objects.create(
        ticket=ticket,
        category=category,
        confidence=found.confidence,
        request_type=found.request_type or "",
        request_type_confidence=found.request_type_confidence,
        abstained=found.abstained or category is None,
        model_version=found.version,
        created_at=timezone.now(),
    )
    if not suggestion.abstained and TriageSettings.current().apply_suggestions:
        _apply(ticket, suggestion)
    return suggestion


def _apply(ticket: Ticket, suggestion: TriageSuggestion) -> None:
    now = timezone.now()
    ticket_categorize(
        ticket,
        suggestion.category,
        by=None,
        source=CategorySource.MODEL,
        confidence=round(suggestion.confidence, 4),
        at=now,
    )
    confident_type = (suggestion.request_type_confidence or 0) >= REQUEST_TYPE_MIN_CONFIDENCE
    guessed = ticket.type_source == TypeSource.AUTO and suggestion.request_type
    if (
        guessed
        and confident_type
        and ticket_update(ticket, None, at=now, request_type=suggestion.request_type)
    ):
        # Still a machine's guess: the customer did not choose it, no agent confirmed it.
        ticket.type_source = TypeSource.AUTO
        ticket.save(update_fields=["type_source"])
    suggestion.applied = True
    suggestion.save(update_fields=["applied"])

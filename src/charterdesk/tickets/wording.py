"""Ticket fields and history lines in the words people read: "Status: Open → Waiting on
customer", never `status pending`. Shared by the desk and the portal."""

from django.db import models

from charterdesk.core.vocabulary import Channel, Decision, Priority, RequestType

from .models import EventKind, Status, TicketEvent

FIELD_LABELS = {
    "request_type": "Request type",
    "priority": "Priority",
    "status": "Status",
    "queue": "Queue",
    "assignee": "Assignee",
    "channel": "Channel",
    "coverage": "Coverage",
}

_CHOICES: dict[str, type[models.TextChoices]] = {
    "request_type": RequestType,
    "priority": Priority,
    "status": Status,
    "channel": Channel,
    "coverage": Decision,
}


def field_label(field: str) -> str:
    """`request_type` → "Request type"; an unknown field reads as its words."""
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def value_label(field: str, value: str) -> str:
    """A stored value as its label (`pending` → "Waiting on customer"); "—" for none."""
    if not value:
        return "—"
    choices = _CHOICES.get(field)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def changed_fields_text(fields: list[str]) -> str:
    """The fields a save changed, for a flash message: "request type, priority"."""
    return ", ".join(field_label(f).lower() for f in fields)


def event_line(event: TicketEvent) -> str:
    """One line of a ticket's history, without who and when."""
    if event.kind == EventKind.CHANGED:
        old = value_label(event.field, event.old_value)
        new = value_label(event.field, event.new_value)
        return f"{field_label(event.field)}: {old} → {new}"
    if event.kind == EventKind.COVERAGE:
        new = value_label("coverage", event.new_value)
        if event.old_value and event.old_value != event.new_value:
            return f"Coverage: {value_label('coverage', event.old_value)} → {new}"
        return f"Coverage: {new}"
    text = str(event.get_kind_display())
    return f"{text}: {event.new_value}" if event.new_value else text

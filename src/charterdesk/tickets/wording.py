"""Ticket fields and history lines in the words people read: "Status: Open → Waiting on
customer", never `status pending`. Shared by the desk and the portal."""

from django.db import models

from charterdesk.core.vocabulary import Channel, Decision, Priority, RequestType

from .category_models import RootCause
from .models import EventKind, Status, TicketEvent

FIELD_LABELS = {
    "request_type": "Request type",
    "priority": "Priority",
    "status": "Status",
    "queue": "Queue",
    "assignee": "Assignee",
    "channel": "Channel",
    "coverage": "Coverage",
    "tags": "Tags",
    "product": "Product",
    "product_version": "Product version",
    "root_cause": "Root cause",
}

# The labels of the values recorded under each field; higher apps add theirs through
# `values_in_words` (from their AppConfig.ready), so their history lines read as words too.
_LABELS: dict[str, dict[str, str]] = {}


def values_in_words(field: str, *choices: type[models.TextChoices]) -> None:
    """History values recorded under `field` are codes of `choices`: show their labels."""
    labels = _LABELS.setdefault(field, {})
    for kind in choices:
        labels.update((value, str(label)) for value, label in kind.choices)


values_in_words("request_type", RequestType)
values_in_words("priority", Priority)
values_in_words("status", Status)
values_in_words("channel", Channel)
values_in_words("coverage", Decision)
values_in_words("root_cause", RootCause)


def field_label(field: str) -> str:
    """`request_type` → "Request type"; an unknown field reads as its words."""
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def value_label(field: str, value: str) -> str:
    """A stored value as its label (`pending` → "Waiting on customer"); "—" for none."""
    if not value:
        return "—"
    return _LABELS.get(field, {}).get(value, value)


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
    return f"{text}: {value_label(event.field, event.new_value)}" if event.new_value else text

"""The filters of a saved view: the agent queue's filters, by id, checked when a view is
saved and turned into one condition per view so that every view's count comes from a
single aggregate query."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agents
from charterdesk.core.vocabulary import Priority, RequestType
from charterdesk.customers.models import Contact, Organization
from charterdesk.routing.models import Queue
from charterdesk.tickets.models import Category, Status, TicketTag
from charterdesk.tickets.selectors import UNASSIGNED
from charterdesk.tickets.services.fields import clean_tag

KEYS = (
    "status",
    "queue",
    "type",
    "priority",
    "organization",
    "requester",
    "assignee",
    "tag",
    "category",
)
REFERENCES: dict[str, Any] = {
    "queue": Queue.objects,
    "organization": Organization.objects,
    "requester": Contact.objects,
    "category": Category.objects,
}


def check_filters(filters: Mapping[str, Any], user: User) -> dict[str, str]:
    """The filters as stored (strings of ids and codes); ValidationError on the filter."""
    errors: dict[str, str] = {}
    unknown = set(filters) - set(KEYS)
    if unknown:
        errors["filters"] = f"Unknown filter: {', '.join(sorted(unknown))}."
    checked: dict[str, str] = {}
    for key in KEYS:
        value = str(filters.get(key) or "").strip()
        if not value:
            continue
        try:
            checked[key] = _check(key, value, user)
        except ValidationError as exc:
            errors[key] = " ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def _check(key: str, value: str, user: User) -> str:
    if key == "status" and value not in Status.values:
        raise ValidationError(f"Use one of: {', '.join(Status.values)}.")
    if key == "type" and value not in RequestType.values:
        raise ValidationError(f"Use one of: {', '.join(RequestType.values)}.")
    if key == "priority" and value not in Priority.values:
        raise ValidationError(f"Use one of: {', '.join(Priority.values)}.")
    if key == "tag":
        return clean_tag(value)
    if key == "assignee":
        if value in (UNASSIGNED, "me"):
            return value
        if not value.isdigit() or not agents().filter(pk=int(value)).exists():
            raise ValidationError("No agent has this id.")
    if key in REFERENCES and (
        not value.isdigit() or not REFERENCES[key].filter(pk=int(value)).exists()
    ):
        raise ValidationError(f"No {key} has this id.")
    return value


def condition(filters: Mapping[str, str], user: User) -> Q:
    """The tickets a view shows, as one condition (open ones unless it names a status)."""
    q = Q(status=filters["status"]) if filters.get("status") else Q(in_queue=True)
    for key, column in (
        ("queue", "queue_id"),
        ("organization", "organization_id"),
        ("requester", "requester_id"),
        ("type", "request_type"),
        ("priority", "priority"),
        ("category", "category_id"),
    ):
        if filters.get(key):
            q &= Q(**{column: filters[key]})
    assignee = filters.get("assignee")
    if assignee == UNASSIGNED:
        q &= Q(assignee__isnull=True)
    elif assignee == "me":
        q &= Q(assignee_id=user.pk)
    elif assignee:
        q &= Q(assignee_id=int(assignee))
    if filters.get("tag"):
        # From the tag's index (`ticket_tag_by_name`) to the tickets, not a probe per ticket.
        q &= Q(pk__in=TicketTag.objects.filter(name=filters["tag"]).values("ticket_id"))
    return q


def queue_params(filters: Mapping[str, str]) -> dict[str, str]:
    """The view's filters as the queue page's query string takes them (the requester by
    address)."""
    params = dict(filters)
    if params.get("requester"):
        contact = Contact.objects.filter(pk=int(params["requester"])).first()
        params["requester"] = contact.email if contact else ""
    if "status" not in params:
        params["status"] = ""
    return params

"""The field syntax of a ticket search (status:, type:, org:, assignee:, tier:, requester:,
tag:, category:, created> / created<) applied to the real ticket tables, on top of what the
reader may see.

Agents may use every field; customers the fields about their own requests (status, type,
requester, created): the others name the desk's internals, so they are a field error."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import RequestType
from charterdesk.tickets.models import Status, Ticket
from charterdesk.tickets.selectors import tickets_visible_to
from charterdesk.tickets.services.categories import category_path_parts

from .query import Query

CUSTOMER_FIELDS = frozenset({"status", "type", "requester"})
UNASSIGNED = ("none", "nobody", "unassigned")


def allowed_tickets(user: User, query: Query) -> QuerySet[Ticket] | None:
    """The tickets the reader may find with this query's filters; None means every ticket
    (an agent without filters: no permission join at all)."""
    if user.is_agent and not query.has_filters:
        return None
    tickets = tickets_visible_to(user)
    errors: dict[str, str] = {}
    for name, values in query.filters.items():
        if not user.is_agent and name not in CUSTOMER_FIELDS:
            errors["q"] = f"{name}: is a filter for agents; search your requests by words."
            continue
        condition = Q()
        for value in values:  # the same field twice: either value
            try:
                condition |= _condition(user, name, value)
            except ValueError as exc:
                errors["q"] = str(exc)
        tickets = tickets.filter(condition)
    if errors:
        raise ValidationError(errors)
    if query.created_after:
        tickets = tickets.filter(created_at__gte=_start(query.created_after + timedelta(days=1)))
    if query.created_before:
        tickets = tickets.filter(created_at__lt=_start(query.created_before))
    return tickets


def organization_of(user: User) -> int | None:
    """The one organization every ticket the reader may see belongs to (a customer of an
    organization: tickets_visible_to), or None: a hint that narrows the search's match
    (engine.search), never the permission itself."""
    if user.is_agent:
        return None
    contact = getattr(user, "contact", None)
    return contact.organization_id if contact is not None else None


def _start(day: date) -> datetime:
    """Midnight of `day` in the reader's time zone (the one the pages show)."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _condition(user: User, name: str, value: str) -> Q:
    lowered = value.lower()
    if name == "status":
        return Q(status=_choice(lowered, Status, "status"))
    if name == "type":
        return Q(request_type=_choice(lowered.replace("-", "_"), RequestType, "type"))
    if name == "org":
        return Q(organization__name__icontains=value)
    if name == "requester":
        return Q(requester__email__iexact=value) | Q(requester__name__icontains=value)
    if name == "tier":
        if not value.isdigit():
            raise ValueError("tier: takes a tier number, such as tier:2.")
        return Q(queue__tier=int(value))
    if name in _BY_VALUE:
        return _BY_VALUE[name](value)
    if lowered == "me":
        return Q(assignee=user)
    if lowered in UNASSIGNED:
        return Q(assignee__isnull=True)
    return Q(assignee__email__iexact=value) | Q(assignee__name__icontains=value)


def _category(value: str) -> Q:
    """A category by its name or path, with the categories under it: `category:billing`
    finds "Billing" and "Billing › Refunds"."""
    path = " › ".join(category_path_parts(value))
    return (
        Q(category__path__iexact=path)
        | Q(category__path__istartswith=f"{path} › ")
        | Q(category__name__iexact=path)
    )


_BY_VALUE: dict[str, Callable[[str], Q]] = {
    "tag": lambda value: Q(tags__name="-".join(value.lower().split())),
    "category": _category,
}


def _choice(value: str, choices: type[Status] | type[RequestType], field: str) -> str:
    by_label = {str(label).lower(): key for key, label in choices.choices}
    if value in choices.values:
        return value
    if value in by_label:
        return by_label[value]
    raise ValueError(f"{field}: use one of {', '.join(choices.values)}.")

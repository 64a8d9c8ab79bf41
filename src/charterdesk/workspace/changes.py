"""A set of changes to a ticket, as a macro or a bulk action carries it:

    {"status": "pending", "priority": "high", "request_type": "error", "queue": 3,
     "assignee": 7 | "me" | None, "category": 5 | None, "add_tags": ["vip"],
     "remove_tags": ["new"], "fields": {"environment": "production"}}

Every key is optional; `assignee: None` unassigns, `category: None` clears the category
(set by the agent: source `person`, so triage learns from it). `check_changes` validates a set when
it is saved (every error at once, on the key it concerns); `ChangeSet` holds the checked
set with its queue and assignee fetched once, to apply to one ticket or a thousand."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agents
from charterdesk.core.querystring import MAX_ID
from charterdesk.core.vocabulary import Priority, RequestType
from charterdesk.routing.models import Queue
from charterdesk.tickets import services
from charterdesk.tickets.models import Category, CategorySource, CustomField, Status, Ticket
from charterdesk.tickets.services.fields import active_fields, clean_tags, clean_value

from .bulk_tags import change_tags

ME = "me"
KEYS = (
    "status",
    "priority",
    "request_type",
    "queue",
    "assignee",
    "category",
    "add_tags",
    "remove_tags",
    "fields",
)
CHOICES = {"status": Status, "priority": Priority, "request_type": RequestType}


@dataclass
class ChangeSet:
    """Checked changes, ready to apply: property values as `ticket_update` takes them
    (`assignee` "me" is resolved per actor), tags cleaned, field values in stored form."""

    properties: dict[str, Any] = field(default_factory=dict)
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    custom: dict[str, CustomField] = field(default_factory=dict)
    # (the category,) to set it, None when the set leaves it alone; (None,) clears it.
    category: tuple[Category | None] | None = None

    def then(self, other: "ChangeSet") -> "ChangeSet":
        """These changes followed by `other` (whose values win): one set, so a ticket is
        changed, and its clocks recomputed, once."""
        return ChangeSet(
            properties={**self.properties, **other.properties},
            add_tags=list(dict.fromkeys(self.add_tags + other.add_tags)),
            remove_tags=list(dict.fromkeys(self.remove_tags + other.remove_tags)),
            fields={**self.fields, **other.fields},
            custom={**self.custom, **other.custom},
            category=other.category if other.category is not None else self.category,
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.properties
            or self.add_tags
            or self.remove_tags
            or self.fields
            or self.category is not None
        )

    def apply(self, ticket: Ticket, actor: User, *, at: datetime | None = None) -> list[str]:
        """Change the ticket: tags and fields first (a required field filled before the
        status solves it), then its properties. Returns what changed, by name."""
        changed: list[str] = []
        if (self.add_tags or self.remove_tags) and change_tags(
            ticket, actor, add=self.add_tags, remove=self.remove_tags, at=at
        ):
            changed.append("tags")
        if self.fields:
            changed += services.ticket_set_fields(
                ticket, actor, self.fields, at=at, fields=self.custom
            )
        if self.category is not None and services.ticket_categorize(
            ticket, self.category[0], by=actor, source=CategorySource.PERSON, at=at
        ):
            changed.append("category")
        properties = dict(self.properties)
        if properties.get("assignee") == ME:
            properties["assignee"] = actor
        if properties:
            changed += services.ticket_update(ticket, actor, at, **properties)
        return changed


def check_changes(changes: Mapping[str, Any]) -> ChangeSet:
    """A ChangeSet from its stored or posted form; ValidationError keyed by the change."""
    errors: dict[str, list[str]] = {}
    unknown = set(changes) - set(KEYS)
    if unknown:
        errors["changes"] = [f"Unknown change: {', '.join(sorted(unknown))}."]
    result = ChangeSet()
    for key in KEYS:
        if key not in changes:
            continue
        try:
            _check_one(result, key, changes[key])
        except ValidationError as exc:
            for name, messages in _by_key(exc, key).items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return result


def _by_key(exc: ValidationError, key: str) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {name: list(messages) for name, messages in exc.message_dict.items()}
    return {key: list(exc.messages)}


def _check_one(result: ChangeSet, key: str, value: Any) -> None:
    if key in CHOICES:
        if value not in CHOICES[key].values:
            raise ValidationError(f"Use one of: {', '.join(CHOICES[key].values)}.")
        result.properties[key] = value
    elif key == "queue":
        queue = Queue.objects.filter(pk=_id(value)).first()
        if queue is None:
            raise ValidationError("No such queue.")
        result.properties["queue"] = queue
    elif key == "assignee":
        result.properties["assignee"] = _assignee(value)
    elif key == "category":
        result.category = (_category(value),)
    elif key in ("add_tags", "remove_tags"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError("Give a list of tags.")
        setattr(result, key, clean_tags(value))
    else:
        _check_fields(result, value)


def _id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError("Give an id.") from exc


def _category(value: Any) -> Category | None:
    """An active category by id (None: clear the category)."""
    if value is None:
        return None
    wanted = _id(value)
    category = Category.objects.filter(pk=wanted).first() if 0 < wanted <= MAX_ID else None
    if category is None:
        raise ValidationError("No category has this id.")
    if not category.active:
        raise ValidationError(f"“{category.path}” is deactivated; choose another.")
    return category


def _assignee(value: Any) -> User | str | None:
    if value is None or value == ME:
        return value
    agent = agents().filter(pk=_id(value)).first()
    if agent is None:
        raise ValidationError("No agent has this id.")
    return agent


def _check_fields(result: ChangeSet, value: Any) -> None:
    if not isinstance(value, dict):
        raise ValidationError("Give the custom fields as {key: value}.")
    custom = active_fields()
    errors: dict[str, list[str]] = {}
    for key, raw in value.items():
        if key not in custom:
            errors.setdefault("fields", []).append(f"No custom field is called “{key[:40]}”.")
            continue
        try:
            result.fields[key] = clean_value(custom[key], raw)
        except ValidationError as exc:
            errors.setdefault(key, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    result.custom = custom


def stored_form(result: ChangeSet) -> dict[str, Any]:
    """The ChangeSet as JSON to keep on a macro (ids for the queue and the assignee)."""
    stored: dict[str, Any] = {}
    for key, value in result.properties.items():
        stored[key] = getattr(value, "pk", value)
    for key in ("add_tags", "remove_tags", "fields"):
        if getattr(result, key):
            stored[key] = getattr(result, key)
    if result.category is not None:
        stored["category"] = result.category[0].pk if result.category[0] else None
    return stored

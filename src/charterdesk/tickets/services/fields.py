"""Tags and custom fields on a ticket: set by agents (the ticket page, macros, bulk
actions, the API), each change a line in the ticket's history.

Tags are internal (customers never see them); a custom field's history line is internal
unless the field is visible to customers. Values are stored as text in one canonical form
per kind (see `CustomFieldValue`), so views and search compare them as stored."""

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.validators import check_text

from ..models import CustomField, CustomFieldValue, EventKind, FieldKind, Ticket, TicketTag
from .history import record

TAG = re.compile(r"[a-z0-9][a-z0-9_\-.:]{0,49}")
MAX_TAGS = 30
YES, TRUE_WORDS = "yes", frozenset({"yes", "true", "on", "1", "y"})
FALSE_WORDS = frozenset({"no", "false", "off", "0", "n", ""})


def clean_tag(text: str) -> str:
    """`VIP customer` → `vip-customer`; a ValidationError on `tags` for what cannot be one."""
    name = "-".join(check_text(text, "tags").strip().lower().split())
    if not TAG.fullmatch(name):
        raise ValidationError(
            {"tags": f"“{text[:60]}” is not a tag: up to 50 letters, digits, - _ . or :."}
        )
    return name


def clean_tags(names: Iterable[str]) -> list[str]:
    """Each tag cleaned, without repeats, in the order given."""
    seen = dict.fromkeys(clean_tag(name) for name in names if name.strip())
    if len(seen) > MAX_TAGS:
        raise ValidationError({"tags": f"A ticket takes at most {MAX_TAGS} tags."})
    return list(seen)


def tags_from_text(text: str) -> list[str]:
    """What an agent types in a tags box: `vip, billing` or `vip billing`."""
    return clean_tags(re.split(r"[,\s]+", text))


def _check_actor(actor: User | None) -> None:
    if actor is not None and not actor.is_agent:
        raise PermissionDenied("Only agents change a ticket's tags and fields.")


def ticket_set_tags(
    ticket: Ticket, actor: User | None, names: Iterable[str], *, at: datetime | None = None
) -> bool:
    """Replace the ticket's tags; True when they changed (one internal history line)."""
    _check_actor(actor)
    wanted = clean_tags(names)
    current = sorted(TicketTag.objects.filter(ticket=ticket).values_list("name", flat=True))
    if sorted(wanted) == current:
        return False
    TicketTag.objects.filter(ticket=ticket).exclude(name__in=wanted).delete()
    TicketTag.objects.bulk_create(
        [TicketTag(ticket=ticket, name=n) for n in wanted if n not in current]
    )
    now = at or timezone.now()
    record(
        ticket,
        actor,
        EventKind.CHANGED,
        field="tags",
        old=", ".join(current),
        new=", ".join(sorted(wanted)),
        internal=True,
        at=now,
    )
    ticket.updated_at = now
    ticket.save(update_fields=["updated_at"])
    return True


def ticket_change_tags(
    ticket: Ticket,
    actor: User | None,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    at: datetime | None = None,
) -> bool:
    """Add and remove some tags, keeping the others (macros, bulk actions)."""
    removed = set(clean_tags(remove))
    current = list(TicketTag.objects.filter(ticket=ticket).values_list("name", flat=True))
    wanted = [n for n in current if n not in removed] + clean_tags(add)
    return ticket_set_tags(ticket, actor, wanted, at=at)


def clean_value(field: CustomField, value: object) -> str:
    """A value for `field` in its stored form ("" for none); a ValidationError on the
    field's key when it does not fit."""
    if value is None:
        return ""
    if field.kind == FieldKind.CHECKBOX:
        return _checkbox(field, value)
    if field.kind == FieldKind.DATE and isinstance(value, date):
        return value.isoformat()
    text = check_text(str(value), field.key).strip()
    if not text:
        return ""
    if field.kind == FieldKind.NUMBER:
        return _number(field, text)
    if field.kind == FieldKind.DATE:
        return _date(field, text)
    if field.kind == FieldKind.DROPDOWN:
        return _option(field, text)
    if len(text) > 500:
        raise ValidationError({field.key: "Write at most 500 characters."})
    return text


def _date(field: CustomField, text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise ValidationError({field.key: "Give a date such as 2026-12-31."}) from exc


def _option(field: CustomField, text: str) -> str:
    by_lower = {str(o).lower(): str(o) for o in field.options}
    if text.lower() not in by_lower:
        raise ValidationError({field.key: f"Choose one of: {', '.join(field.options)}."})
    return by_lower[text.lower()]


def _checkbox(field: CustomField, value: object) -> str:
    if isinstance(value, bool):
        return YES if value else ""
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return YES
    if word in FALSE_WORDS:
        return ""
    raise ValidationError({field.key: "Use yes or no."})


def _number(field: CustomField, text: str) -> str:
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError({field.key: "Give a number, such as 42 or 3.5."}) from exc
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        raise ValidationError({field.key: "Give a number below a million billion."})
    return format(number.normalize(), "f") if number != number.to_integral() else str(int(number))


def active_fields() -> dict[str, CustomField]:
    """The custom fields shown on tickets, by key, in their order."""
    return {f.key: f for f in CustomField.objects.filter(active=True)}


def ticket_set_fields(
    ticket: Ticket,
    actor: User | None,
    values: Mapping[str, object],
    *,
    at: datetime | None = None,
    fields: Mapping[str, CustomField] | None = None,
) -> list[str]:
    """Set custom field values by key (None or "" empties one); every error at once, on
    the field's key. Returns the keys that changed, each a history line."""
    _check_actor(actor)
    fields = active_fields() if fields is None else fields
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for key, value in values.items():
        if key not in fields:
            errors.setdefault("fields", []).append(f"No custom field is called “{key[:40]}”.")
            continue
        try:
            cleaned[key] = clean_value(fields[key], value)
        except ValidationError as exc:
            errors.setdefault(key, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    stored = {
        v.field_id: v
        for v in CustomFieldValue.objects.filter(ticket=ticket, field__key__in=cleaned)
    }
    now = at or timezone.now()
    changed = [
        key for key, new in cleaned.items() if _store(ticket, actor, fields[key], stored, new, now)
    ]
    if changed:
        ticket.updated_at = now
        ticket.save(update_fields=["updated_at"])
    return changed


def _store(
    ticket: Ticket,
    actor: User | None,
    field: CustomField,
    stored: dict[int, CustomFieldValue],
    new: str,
    at: datetime,
) -> bool:
    row = stored.get(field.pk)
    old = row.value if row else ""
    if old == new:
        return False
    if not new and row is not None:
        row.delete()
    elif row is not None:
        row.value = new
        row.save(update_fields=["value"])
    else:
        CustomFieldValue.objects.create(ticket=ticket, field=field, value=new)
    internal = not field.visible_to_customers
    record(
        ticket,
        actor,
        EventKind.CHANGED,
        field=field.key,
        old=old,
        new=new,
        at=at,
        internal=internal,
    )
    return True


def missing_to_solve(ticket: Ticket) -> list[CustomField]:
    """The fields required to solve that this ticket has no value for (one query)."""
    return list(
        CustomField.objects.filter(active=True, required_to_solve=True).exclude(
            values__ticket=ticket
        )
    )

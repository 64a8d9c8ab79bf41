"""An audit entry as the log shows it: the setting's kind and each field in words."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from charterdesk.core.models import AuditEntry


@dataclass(frozen=True)
class Line:
    field: str
    before: str | None = None
    after: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    at: datetime
    actor_email: str
    action: str
    kind_name: str
    object_repr: str
    lines: list[Line]

    def get_action_display(self) -> str:
        return self.action


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(_text(item) or "" for item in value) or "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items()) or "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except (FieldDoesNotExist, AttributeError):
        return name


def _line(model: Any, name: str, change: Any) -> Line:
    label = _label(model, name)
    if isinstance(change, dict):
        return Line(
            label, added=tuple(change.get("added", ())), removed=tuple(change.get("removed", ()))
        )
    before, after = change if isinstance(change, list) and len(change) == 2 else (None, change)
    return Line(label, before=_text(before), after=_text(after))


def audit_rows(entries: list[AuditEntry]) -> list[Row]:
    rows = []
    for entry in entries:
        try:
            model: Any = apps.get_model(entry.kind)
            kind_name = str(model._meta.verbose_name)
        except (LookupError, ValueError):
            model, kind_name = None, entry.kind
        lines = [_line(model, name, change) for name, change in entry.changes.items()]
        rows.append(
            Row(
                entry.at,
                entry.actor_email,
                entry.get_action_display(),
                kind_name,
                entry.object_repr,
                lines,
            )
        )
    return rows

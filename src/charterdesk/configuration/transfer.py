"""Export the whole configuration as one JSON document, and import one: idempotent (rows
are matched by their natural keys, an unchanged row is not written), all or nothing (one
refused value and nothing is written), with a dry run that reports what would change.
An import never deletes what the file does not name. The caller owns no transaction:
`configuration_import` opens its own (a dry run rolls it back)."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import ValidationError as SchemaError

from charterdesk.accounts.models import User

from .customer_kinds import CONTACTS, CONTRACTS, MAILBOXES, ORGANIZATIONS
from .kinds import Context, Kind, item_fields
from .plan_kinds import CALENDARS, PLANS
from .plan_versions import PLAN_VERSIONS
from .pruning import retire
from .staff_kinds import AGENTS, QUEUES, TEAMS
from .ticket_kinds import CUSTOM_FIELDS

FORMAT = "charterdesk-configuration"
VERSION = 1
# In the order an import writes them: each kind refers only to kinds before it (a team's
# hand-over to another team is set once every team exists).
KINDS: tuple[Kind, ...] = (
    CALENDARS,
    PLANS,
    PLAN_VERSIONS,
    AGENTS,
    TEAMS,
    QUEUES,
    ORGANIZATIONS,
    CONTACTS,
    CONTRACTS,
    MAILBOXES,
    CUSTOM_FIELDS,
)
BY_NAME = {kind.name: kind for kind in KINDS}
SECRETS_NOTE = (
    "Secrets are not exported: mailbox passwords (give `password` or `password_env` for a "
    "new mailbox), users' passwords, API tokens and two-factor devices. Agents created by an "
    "import have no password until they set one."
)


def configuration_export() -> dict[str, Any]:
    """Every kind's rows, as data, in a stable order (a diff shows only real changes)."""
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION, "secrets": SECRETS_NOTE}
    for kind in KINDS:
        document[kind.name] = [kind.as_data(row) for row in kind.rows()]
    return document


@dataclass
class Change:
    kind: str
    key: str
    action: str  # created, changed, unchanged; deleted, deactivated, disabled, kept (pruning)
    fields: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class Report:
    dry_run: bool
    changes: list[Change] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per kind, how many rows were (or would be) created, changed, left unchanged."""
        result: dict[str, dict[str, int]] = {}
        for change in self.changes:
            per_kind = result.setdefault(change.kind, {"created": 0, "changed": 0, "unchanged": 0})
            per_kind[change.action] = per_kind.get(change.action, 0) + 1
        return result


def configuration_import(
    document: Any,
    *,
    dry_run: bool = False,
    delete_missing: bool = False,
    actor: User | None = None,
) -> Report:
    """Write the document's rows; on any error, nothing (the report lists the errors by
    path, e.g. `plans.2.channels`). With `delete_missing`, the rows of each section the
    document has that it does not name are retired (pruning.py), contracts before the
    organizations and plans they name."""
    report = Report(dry_run=dry_run)
    items = _parsed(document, report)
    if report.errors:
        return report
    with transaction.atomic():
        _apply(items, Context(actor=actor), report)
        if delete_missing and not report.errors:
            _prune(items, Context(actor=actor), report)
        if dry_run or report.errors:
            transaction.set_rollback(True)
    return report


def _parsed(document: Any, report: Report) -> dict[str, list[Any]]:
    """The document's items, typed; shape errors go in the report."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        report.errors["format"] = [f"This is not a CharterDesk configuration (format {FORMAT})."]
        return {}
    if document.get("version") != VERSION:
        report.errors["version"] = [f"This CharterDesk reads version {VERSION} of the format."]
    unknown = set(document) - {"format", "version", "secrets", *BY_NAME}
    for name in sorted(unknown):
        report.errors[name] = [f"Unknown section; the sections are {', '.join(BY_NAME)}."]
    items: dict[str, list[Any]] = {}
    for kind in KINDS:
        if kind.name not in document:
            continue
        rows = document[kind.name]
        if not isinstance(rows, list):
            report.errors[kind.name] = ["A list, please."]
            continue
        items[kind.name] = []
        for index, row in enumerate(rows):
            try:
                items[kind.name].append(kind.schema.model_validate(row))
            except SchemaError as exc:
                for error in exc.errors():
                    path = ".".join(str(p) for p in (kind.name, index, *error["loc"]))
                    report.errors.setdefault(path, []).append(error["msg"])
    return items


def _apply(items: dict[str, list[Any]], ctx: Context, report: Report) -> None:
    for kind in KINDS:
        seen: dict[tuple[Any, ...], int] = {}
        deferred: list[tuple[int, dict[str, Any], Change]] = []
        for index, item in enumerate(items.get(kind.name, [])):
            data = item_fields(item)
            key = kind.key(data)
            if key in seen:
                report.errors[f"{kind.name}.{index}"] = [f"The same as item {seen[key]}."]
                continue
            seen[key] = index
            now = {k: v for k, v in data.items() if k not in kind.later}
            change = _guarded(report, f"{kind.name}.{index}", kind, ctx, now, None)
            if change is not None:
                report.changes.append(change)
                deferred.append((index, data, change))
        for index, data, change in deferred if kind.later else []:
            _guarded(report, f"{kind.name}.{index}", kind, ctx, data, change)


def _prune(items: dict[str, list[Any]], ctx: Context, report: Report) -> None:
    for kind in reversed(KINDS):
        if kind.name not in items:
            continue
        named = {kind.key(item_fields(item)) for item in items[kind.name]}
        for row in kind.rows():
            data = kind.as_data(row)
            if kind.key(data) in named:
                continue
            with transaction.atomic():
                action, reason = retire(ctx, kind, row)
            key = " / ".join(str(part) for part in kind.key(data))
            report.changes.append(Change(kind.name, key, action, reason=reason))


def _guarded(
    report: Report, where: str, kind: Kind, ctx: Context, data: dict[str, Any], of: Change | None
) -> Change | None:
    try:
        with transaction.atomic():
            return _apply_one(kind, ctx, data, of)
    except ValidationError as exc:
        _record(report, where, exc)
        return None


def _apply_one(kind: Kind, ctx: Context, data: dict[str, Any], of: Change | None) -> Change:
    """Write one item if it differs from its row. `of`: the second pass, which sets the
    fields that name rows of the same kind, updating the first pass's change."""
    key = " / ".join(str(part) for part in kind.key(data))
    row = kind.find(data)
    if row is None:
        kind.load(ctx, None, data)
        return Change(kind.name, key, "created")
    current = kind.as_data(row)
    wanted = kind.schema.model_validate(data).model_dump(mode="json")
    names = kind.later if of is not None else [n for n in wanted if n not in kind.later]
    changed = [name for name in names if current.get(name) != wanted[name]]
    secret = [n for n in data if n not in wanted and data[n] and getattr(row, n, None) != data[n]]
    change = of or Change(kind.name, key, "unchanged")
    if changed or secret:
        kind.load(ctx, row, {k: v for k, v in data.items() if of is None or k in kind.later})
        change.fields += changed + secret
        change.action = "changed" if change.action == "unchanged" else change.action
    return change


def _record(report: Report, where: str, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            path = where if name == "__all__" else f"{where}.{name}"
            report.errors.setdefault(path, []).extend(messages)
    else:
        report.errors.setdefault(where, []).extend(exc.messages)

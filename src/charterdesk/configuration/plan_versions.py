"""A plan version as data, as the configuration API and the export show it: its number,
state and dates, and its terms written like a plan item (calendar by name, coverage and
targets as rows). Written through plans.versions, the services the settings pages call,
so the rules are the same; this module only turns data into terms and back, naming a
refused row by its place (`coverage.1.decision`)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from pydantic import create_model
from pydantic.fields import FieldInfo

from charterdesk.plans.models import Plan, PlanCoverage, PlanStatus, PlanVersion, ResponseTarget
from charterdesk.plans.terms import TERM_FIELDS, PlanTerms
from charterdesk.plans.versions import (
    plan_version_create,
    plan_version_publish,
    plan_version_save,
)
from charterdesk.sla.models import Calendar

from .kinds import Context, Kind, named
from .plan_kinds import cell_order
from .schemas import Item, PlanItem, PlanVersionItem, Text

# A version's terms: a plan item without who the plan is (name, slug, status, position).
TERMS = (*TERM_FIELDS, "coverage", "targets")
VersionTerms: type[Item] = create_model(  # type: ignore[call-overload]
    "PlanVersionTerms",
    __base__=Item,
    **{
        name: (PlanItem.model_fields[name].annotation, PlanItem.model_fields[name])
        for name in TERMS
    },
)


def _optional(field: FieldInfo) -> tuple[Any, FieldInfo]:
    """The field, with its bounds, that may be left out (None: not given)."""
    merged = FieldInfo.merge_field_infos(field, default=None, default_factory=None)
    return (field.annotation | None, merged)  # type: ignore[operator]


# A new or changed draft: any of the terms, the day it is meant to take effect, the clocks.
VersionChange: type[Item] = create_model(  # type: ignore[call-overload]
    "PlanVersionChange",
    __base__=Item,
    effective_from=(date | None, None),
    clocks=(Text | None, None),
    **{name: _optional(PlanItem.model_fields[name]) for name in TERMS},
)


def calendar_names(versions: Iterable[PlanVersion]) -> dict[int, str]:
    """The names of the calendars these versions' terms use, in one query."""
    ids = {v.terms.get("plan", {}).get("calendar_id") for v in versions} - {None}
    return dict(Calendar.objects.filter(pk__in=ids).values_list("pk", "name"))


def version_dump(version: PlanVersion, calendars: dict[int, str]) -> dict[str, Any]:
    """`calendars`: from `calendar_names`, so a list of versions reads no calendar twice."""
    terms = PlanTerms.from_json(version.plan, version.terms)
    written = terms.to_json()
    data = {name: getattr(terms.plan, name) for name in TERM_FIELDS if name != "calendar"}
    data["calendar"] = calendars.get(terms.plan.calendar_id, "")
    data["coverage"] = sorted(written["coverages"], key=cell_order)
    data["targets"] = sorted(written["targets"], key=cell_order)
    return {
        "number": version.number,
        "status": version.status,
        "state": version.state,
        "effective_from": version.effective_from,
        "clocks": version.clocks,
        "created_at": version.created_at,
        "published_at": version.published_at,
        "applied_at": version.applied_at,
        "terms": VersionTerms.model_validate(data).model_dump(mode="json"),
    }


def version_draft(*, plan: Plan, change: dict[str, Any]) -> PlanVersion:
    """A new draft version of a published plan (a copy of the terms in effect) with the
    changes given. The caller locks the plan row and owns the transaction."""
    version = plan_version_create(plan=plan)
    if change:
        version_change(version=version, change=change)
    return version


def version_change(*, version: PlanVersion, change: dict[str, Any]) -> PlanVersion:
    """Change the terms given of a draft version (the rest are kept), and its day and
    clocks when given. The caller locks the version and owns the transaction."""
    if version.status != PlanStatus.DRAFT:
        raise ValidationError({"status": "This version is published: draft a new version."})
    lists = [name for name in ("coverage", "targets") if name in change and change[name] is None]
    if lists:
        raise ValidationError(
            dict.fromkeys(lists, "A list of rows, please (an empty one for none).")
        )
    terms = PlanTerms.from_json(version.plan, version.terms)
    for name in TERM_FIELDS:
        if name == "calendar" and "calendar" in change:
            terms.plan.calendar = named(Calendar, "name", change["calendar"], "calendar")
        elif name in change:
            setattr(terms.plan, name, change[name])
    if "coverage" in change:
        terms.coverages = _rows(PlanCoverage, "coverage", change["coverage"], ("request_type",))
    if "targets" in change:
        cell = ("request_type", "priority", "metric")
        terms.targets = _rows(ResponseTarget, "targets", change["targets"], cell)
    return plan_version_save(
        version=version,
        terms=terms,
        effective_from=change.get("effective_from"),
        clocks=change.get("clocks"),
    )


def _rows(
    model: type[PlanCoverage] | type[ResponseTarget],
    where: str,
    rows: list[dict[str, Any]],
    key: tuple[str, ...],
) -> list[Any]:
    """The rows as unsaved model rows, each checked by the model's own rules; a refused
    one raises ValidationError named by its place."""
    made: list[models.Model] = []
    seen: set[tuple[Any, ...]] = set()
    for index, data in enumerate(rows):
        cell = tuple(data.get(k) for k in key)
        if cell in seen:
            raise ValidationError({f"{where}.{index}": f"{' / '.join(map(str, cell))} twice."})
        seen.add(cell)
        row = model(**data)
        try:
            row.full_clean(exclude=["plan"], validate_unique=False)
        except ValidationError as exc:
            raise ValidationError(
                {f"{where}.{index}.{field}": errors for field, errors in exc.message_dict.items()}
            ) from exc
        made.append(row)
    return made


def _waiting(slug: str) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(plan__slug=slug, applied_at__isnull=True)
        .select_related("plan__calendar")
        .first()
    )


def _waiting_dump(version: PlanVersion) -> dict[str, Any]:
    data = version_dump(version, calendar_names([version]))
    data["plan"] = version.plan.slug
    return {name: data[name] for name in PlanVersionItem.model_fields}


def _waiting_load(ctx: Context, version: PlanVersion | None, data: dict[str, Any]) -> PlanVersion:
    """A new waiting version is drafted from the plan's terms in effect, given the file's
    terms, and published when the file says so: the services of the settings pages."""
    if version is not None and version.status != PlanStatus.DRAFT:
        raise ValidationError({"status": "This version is published: it is not changed."})
    if version is None:
        plan = Plan.objects.select_for_update().filter(slug=data["plan"]).first()
        if plan is None:
            raise ValidationError({"plan": f"There is no plan “{data['plan']}”."})
        version = plan_version_create(plan=plan)
    terms = VersionTerms.model_validate(data.get("terms", {})).model_dump()
    change = {k: v for k, v in data.items() if k in ("effective_from", "clocks") and v}
    version_change(version=version, change=terms | change)
    if data.get("status") == PlanStatus.PUBLISHED:
        plan_version_publish(version=version, effective_from=None, clocks=None)
    return version


PLAN_VERSIONS = Kind(
    name="plan_versions",
    model=PlanVersion,
    schema=PlanVersionItem,
    key=lambda item: (item["plan"],),
    rows=lambda: (
        PlanVersion.objects.filter(applied_at__isnull=True)
        .select_related("plan__calendar")
        .order_by("plan__position", "plan__name")
    ),
    find=lambda item: _waiting(item["plan"]),
    dump=_waiting_dump,
    load=_waiting_load,
)

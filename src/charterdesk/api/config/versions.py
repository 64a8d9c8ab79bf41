"""A published plan's versions: list, draft a new one (a copy of the terms in effect, with
the changes given), read, change a draft, publish it for a day, discard a draft. The
services are plans.versions, as on the settings pages; every write locks the plan row
first, so two publishes (or a publish and a new draft) at once run one after the other."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from charterdesk.configuration.plan_versions import (
    VersionChange,
    calendar_names,
    version_change,
    version_draft,
    version_dump,
)
from charterdesk.configuration.schemas import Item, Text
from charterdesk.core.pagination import Cursor, Limit, page_of
from charterdesk.core.validators import Id
from charterdesk.plans.models import Plan, PlanVersion
from charterdesk.plans.versions import plan_version_discard, plan_version_publish

from .access import settings_manager

router = Router(tags=["configuration"])
PATH = "/config/plans/{plan_id}/versions"
Number = Id  # a version's number: 1, 2, …


class VersionOut(Schema):
    number: int
    status: str  # draft, published
    state: str  # in words: Draft, Scheduled, In effect, Replaced
    effective_from: date | None
    clocks: str  # keep, recompute: what open tickets' clocks do on that day
    created_at: datetime
    published_at: datetime | None
    applied_at: datetime | None
    terms: dict[str, Any]  # as a plan item: calendar, channels, …, coverage, targets


class VersionPage(Schema):
    items: list[VersionOut]
    next: str | None


class VersionPublish(Item):
    effective_from: date | None = None  # None: the day saved on the draft
    clocks: Text | None = None  # None: as saved on the draft


def _versions(plan_id: int) -> Any:
    return PlanVersion.objects.filter(plan_id=plan_id).select_related("plan__calendar")


def _locked(plan_id: int, number: int) -> PlanVersion:
    """The plan row locked, then its version: every writer takes them in this order."""
    Plan.objects.select_for_update().only("pk").get(pk=plan_id)
    return _versions(plan_id).select_for_update(of=("self",)).get(number=number)


def _out(plan_id: int, number: int) -> dict[str, Any]:
    version = _versions(plan_id).get(number=number)
    return version_dump(version, calendar_names([version]))


def _given(payload: Item) -> dict[str, Any]:
    given: dict[str, Any] = payload.model_dump(include=payload.model_fields_set)
    return given


@router.get(PATH, response=VersionPage, operation_id="config_plan_versions_list")
def list_versions(
    request: HttpRequest, plan_id: Id, cursor: Cursor | None = None, limit: Limit = 25
) -> Any:
    """The plan's versions, newest first (version 1: the terms it was published with)."""
    settings_manager(request)
    Plan.objects.only("pk").get(pk=plan_id)
    rows, next_url = page_of(request, _versions(plan_id), cursor, limit)
    calendars = calendar_names(rows)
    return {"items": [version_dump(v, calendars) for v in rows], "next": next_url}


@router.post(PATH, response={201: VersionOut}, operation_id="config_plan_versions_create")
def create_version(request: HttpRequest, plan_id: Id, payload: VersionChange) -> Any:  # type: ignore[valid-type]
    """Draft the next version of a published plan: a copy of the terms in effect, with the
    terms given changed, and optionally the day it is meant to take effect."""
    settings_manager(request)
    with transaction.atomic(durable=True):
        plan = Plan.objects.select_for_update().select_related("calendar").get(pk=plan_id)
        version = version_draft(plan=plan, change=_given(payload))
    return Status(201, _out(plan_id, version.number))


@router.get(f"{PATH}/{{number}}", response=VersionOut, operation_id="config_plan_versions_get")
def get_version(request: HttpRequest, plan_id: Id, number: Number) -> Any:
    settings_manager(request)
    return _out(plan_id, number)


@router.patch(f"{PATH}/{{number}}", response=VersionOut, operation_id="config_plan_versions_change")
def change_version(
    request: HttpRequest,
    plan_id: Id,
    number: Number,
    payload: VersionChange,  # type: ignore[valid-type]
) -> Any:
    """Change a draft version: the terms given, the rest kept. A published one is refused."""
    settings_manager(request)
    with transaction.atomic(durable=True):
        version_change(version=_locked(plan_id, number), change=_given(payload))
    return _out(plan_id, number)


@router.post(
    f"{PATH}/{{number}}/publish", response=VersionOut, operation_id="config_plan_versions_publish"
)
def publish_version(
    request: HttpRequest, plan_id: Id, number: Number, payload: VersionPublish
) -> Any:
    """Publish a draft to take effect on a day (today or later, in the plan's calendar
    time zone); published for today, its terms apply at once and open tickets keep or
    recompute their clocks as `clocks` says, each with a line in its history."""
    settings_manager(request)
    with transaction.atomic(durable=True):
        plan_version_publish(
            version=_locked(plan_id, number),
            effective_from=payload.effective_from,
            clocks=payload.clocks,
        )
    return _out(plan_id, number)


@router.delete(
    f"{PATH}/{{number}}", response={204: None}, operation_id="config_plan_versions_discard"
)
def discard_version(request: HttpRequest, plan_id: Id, number: Number) -> Any:
    """Discard a draft version; a published one is kept (422)."""
    settings_manager(request)
    with transaction.atomic(durable=True):
        plan_version_discard(version=_locked(plan_id, number))
    return Status(204, None)

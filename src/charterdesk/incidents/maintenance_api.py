"""Scheduled maintenance in the REST API (staff who run incidents): plan, read, edit or
reschedule, move along, cancel; the same services as the desk (`maintenance.py`)."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import Cursor, Limit, page_of
from charterdesk.core.validators import Id

from . import maintenance as service
from .models import Maintenance, Service
from .schemas import Region

router = Router(tags=["maintenance"])
StatusName = Literal["scheduled", "in_progress", "verifying", "completed", "cancelled"]


class MaintenanceIn(Schema):
    title: str = Field(max_length=200)
    description: str = Field("", max_length=10000)
    service_ids: list[Id] = Field(min_length=1, max_length=50)
    regions: list[Region] = Field(default_factory=list, max_length=20)
    starts_at: datetime
    ends_at: datetime
    is_public: bool = True


class MaintenancePatch(Schema):
    """Only the fields given change; moving `starts_at`/`ends_at` is a reschedule."""

    title: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=10000)
    service_ids: list[Id] | None = Field(None, min_length=1, max_length=50)
    regions: list[Region] | None = Field(None, max_length=20)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    is_public: bool | None = None


class MoveIn(Schema):
    status: Literal["in_progress", "verifying", "completed"]


class CancelIn(Schema):
    reason: str = Field("", max_length=1000)


class MaintenanceOut(Schema):
    id: int
    title: str
    description: str
    status: str
    service_ids: list[int]
    regions: list[str]
    starts_at: datetime
    ends_at: datetime
    is_public: bool
    started_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    sequence: int

    @staticmethod
    def resolve_service_ids(found: Maintenance) -> list[int]:
        return [s.pk for s in found.services.all()]


class MaintenancePage(Schema):
    items: list[MaintenanceOut]
    next: str | None


class MaintenanceFilters(Schema):
    status: StatusName | None = None
    cursor: Cursor | None = None
    limit: Limit = 25


def _staff(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Only support staff read and plan maintenance.")
    return user


def _services(ids: list[int]) -> list[Service]:
    found = list(Service.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"service_ids": "No such service."})
    archived = [s.name for s in found if s.is_archived]
    if archived:
        raise ValidationError({"service_ids": f"Archived: {', '.join(archived)}."})
    return found


def _locked(maintenance_id: int) -> Maintenance:
    return Maintenance.objects.select_for_update().get(pk=maintenance_id)


@router.get("/maintenance", response=MaintenancePage)
def list_maintenance(request: HttpRequest, filters: Query[MaintenanceFilters]) -> dict[str, Any]:
    _staff(request)
    rows = Maintenance.objects.prefetch_related("services")
    items, next_url = page_of(request, rows, filters.cursor, filters.limit, status=filters.status)
    return {"items": items, "next": next_url}


@router.post("/maintenance", response={201: MaintenanceOut})
def plan_maintenance(request: HttpRequest, payload: MaintenanceIn) -> Status[Maintenance]:
    user = _staff(request)
    fields = payload.dict(exclude={"service_ids"})
    with transaction.atomic(durable=True):
        found = service.maintenance_create(
            user, services=_services(payload.service_ids), now=timezone.now(), **fields
        )
    return Status(201, found)


@router.get("/maintenance/{maintenance_id}", response=MaintenanceOut)
def read_maintenance(request: HttpRequest, maintenance_id: Id) -> Maintenance:
    _staff(request)
    return Maintenance.objects.get(pk=maintenance_id)


@router.patch("/maintenance/{maintenance_id}", response=MaintenanceOut)
def edit_maintenance(
    request: HttpRequest, maintenance_id: Id, payload: MaintenancePatch
) -> Maintenance:
    user = _staff(request)
    given = payload.dict(exclude_unset=True, exclude={"service_ids"})
    with transaction.atomic(durable=True):
        found = _locked(maintenance_id)
        fields: dict[str, Any] = {
            "title": found.title,
            "description": found.description,
            "regions": found.regions,
            "starts_at": found.starts_at,
            "ends_at": found.ends_at,
            "is_public": found.is_public,
        } | {key: value for key, value in given.items() if value is not None}
        ids = payload.service_ids
        chosen = _services(ids) if ids else list(found.services.all())
        service.maintenance_edit(user, found, services=chosen, now=timezone.now(), **fields)
    return found


@router.post("/maintenance/{maintenance_id}/move", response=MaintenanceOut)
def move_maintenance(request: HttpRequest, maintenance_id: Id, payload: MoveIn) -> Maintenance:
    user = _staff(request)
    with transaction.atomic(durable=True):
        found = _locked(maintenance_id)
        service.maintenance_move(user, found, payload.status, timezone.now())
    return found


@router.post("/maintenance/{maintenance_id}/cancel", response=MaintenanceOut)
def cancel_maintenance(request: HttpRequest, maintenance_id: Id, payload: CancelIn) -> Maintenance:
    user = _staff(request)
    with transaction.atomic(durable=True):
        found = _locked(maintenance_id)
        service.maintenance_cancel(user, found, timezone.now(), payload.reason)
    return found

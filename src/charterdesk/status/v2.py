"""The JSON of statuspage.io's public API v2, with its field names and status values, so
status widgets and monitoring tools read CharterDesk's page unchanged. Public data only."""

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from charterdesk.incidents.models import Incident, IncidentUpdate, Maintenance

from . import public
from .public import Component, services_of, updates_of

PAGE_ID = "charterdesk"


def _at(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def page(updated_at: datetime | None) -> dict[str, Any]:
    return {
        "id": PAGE_ID,
        "name": getattr(settings, "STATUS_PAGE_NAME", "CharterDesk"),
        "url": f"{settings.SITE_URL.rstrip('/')}/status/",
        "time_zone": "Etc/UTC",
        "updated_at": _at(updated_at or timezone.now()),
    }


def component(found: Component) -> dict[str, Any]:
    service = found.service
    data: dict[str, Any] = {
        "id": str(service.pk),
        "name": service.name,
        "status": found.status,
        "created_at": _at(service.created_at),
        "updated_at": _at(service.created_at),
        "position": service.position,
        "description": service.description or None,
        "showcase": True,
        "start_date": f"{service.created_at:%Y-%m-%d}",
        "group_id": str(service.parent_id) if service.parent_id else None,
        "page_id": PAGE_ID,
        "group": bool(found.parts),
        "only_show_if_degraded": False,
    }
    if found.parts:
        data["components"] = [str(p) for p in found.parts]
    return data


def _short(statuses: dict[int, str], services: list[Any]) -> list[Any]:
    return [
        {
            "id": str(s.pk),
            "name": s.name,
            "status": statuses.get(s.pk, public.OPERATIONAL),
            "page_id": PAGE_ID,
            "group_id": str(s.parent_id) if s.parent_id else None,
        }
        for s in services
    ]


def _update(update: IncidentUpdate, incident_id: int) -> dict[str, Any]:
    return {
        "id": str(update.pk),
        "status": update.status,
        "body": update.message,
        "incident_id": str(incident_id),
        "created_at": _at(update.created_at),
        "updated_at": _at(update.created_at),
        "display_at": _at(update.created_at),
        "affected_components": None,
    }


def _shortlink(kind: str, pk: int) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/status/{kind}/{pk}"


def incident(found: Incident, statuses: dict[int, str]) -> dict[str, Any]:
    updates = updates_of(found)
    monitoring = [u.created_at for u in updates if u.status == "monitoring"]
    last = max([found.started_at, *(u.created_at for u in updates)])
    return {
        "id": str(found.pk),
        "name": found.title,
        "status": found.status,
        "created_at": _at(found.created_at),
        "updated_at": _at(found.resolved_at or last),
        "monitoring_at": _at(min(monitoring)) if monitoring else None,
        "resolved_at": _at(found.resolved_at),
        "impact": found.impact,
        "shortlink": _shortlink("incidents", found.pk),
        "started_at": _at(found.started_at),
        "page_id": PAGE_ID,
        "incident_updates": [_update(u, found.pk) for u in updates],
        "components": _short(statuses, services_of(found)),
    }


def maintenance(found: Maintenance, statuses: dict[int, str]) -> dict[str, Any]:
    return {
        "id": str(found.pk),
        "name": found.title,
        "status": found.status,
        "created_at": _at(found.created_at),
        "updated_at": _at(found.completed_at or found.started_at or found.created_at),
        "monitoring_at": None,
        "resolved_at": _at(found.completed_at),
        "impact": "maintenance",
        "shortlink": _shortlink("maintenance", found.pk),
        "started_at": _at(found.started_at or found.starts_at),
        "page_id": PAGE_ID,
        "incident_updates": (
            [
                {
                    "id": f"m{found.pk}",
                    "status": found.status,
                    "body": found.description,
                    "incident_id": str(found.pk),
                    "created_at": _at(found.created_at),
                    "updated_at": _at(found.created_at),
                    "display_at": _at(found.created_at),
                    "affected_components": None,
                }
            ]
            if found.description
            else []
        ),
        "components": _short(statuses, services_of(found)),
        "scheduled_for": _at(found.starts_at),
        "scheduled_until": _at(found.ends_at),
    }


class Snapshot:
    """Everything the page and the JSON need, read once: services, open incidents,
    active and upcoming maintenance, the components' statuses."""

    def __init__(self) -> None:
        self.services = list(public.public_services())
        self.open_incidents = list(public.open_public_incidents())
        self.active = list(public.active_maintenance())
        self.upcoming = list(public.upcoming_maintenance())
        self.components = public.components_now(self.services, self.open_incidents, self.active)
        self.statuses = {c.service.pk: c.status for c in self.components}
        self.indicator, self.description = public.indicator(self.open_incidents, self.active)
        self.updated_at = public.last_change(self.open_incidents, self.active + self.upcoming)

    def page(self) -> dict[str, Any]:
        return page(self.updated_at)

    def status(self) -> dict[str, str]:
        return {"indicator": self.indicator, "description": self.description}

    def summary(self) -> dict[str, Any]:
        return {
            "page": self.page(),
            "components": [component(c) for c in self.components],
            "incidents": [incident(i, self.statuses) for i in self.open_incidents],
            "scheduled_maintenances": [
                maintenance(m, self.statuses) for m in self.active + self.upcoming
            ],
            "status": self.status(),
        }

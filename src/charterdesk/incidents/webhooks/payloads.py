"""What each event says, as JSON: `{"id", "event", "created_at", "data": {...}}`. The
incident's fields use the status page's words (status, impact)."""

import json
import uuid
from datetime import datetime
from typing import Any

from django.conf import settings

from ..models import Incident, IncidentUpdate, Maintenance, PostMortem


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def incident_data(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.pk,
        "title": incident.title,
        "qualification": incident.qualification,
        "status": incident.status,
        "impact": incident.impact,
        "severity": incident.severity.level if incident.severity else None,
        "services": [{"id": s.pk, "name": s.name} for s in incident.services.all()],
        "regions": list(incident.regions or []),
        "is_public": incident.is_public,
        "started_at": _at(incident.started_at),
        "next_update_at": _at(incident.next_update_due),
        "resolved_at": _at(incident.resolved_at),
        "url": f"{settings.SITE_URL}/desk/incidents/{incident.pk}",
    }


def update_data(update: IncidentUpdate) -> dict[str, Any]:
    return {
        "id": update.pk,
        "status": update.status,
        "message": update.message,
        "is_public": update.is_public,
        "next_update_at": _at(update.next_update_at),
        "created_at": _at(update.created_at),
    }


def maintenance_data(maintenance: Maintenance) -> dict[str, Any]:
    return {
        "id": maintenance.pk,
        "title": maintenance.title,
        "status": maintenance.status,
        "services": [{"id": s.pk, "name": s.name} for s in maintenance.services.all()],
        "starts_at": _at(maintenance.starts_at),
        "ends_at": _at(maintenance.ends_at),
        "is_public": maintenance.is_public,
    }


def postmortem_data(postmortem: PostMortem) -> dict[str, Any]:
    return {
        "incident_id": postmortem.incident_id,
        "root_cause": postmortem.root_cause,
        "customer_version": postmortem.customer_version,
        "sent_at": _at(postmortem.sent_at),
    }


def body(event: str, data: dict[str, Any], now: datetime) -> str:
    """The exact text sent (and signed); stored so every retry sends the same bytes."""
    envelope = {"id": str(uuid.uuid4()), "event": event, "created_at": _at(now), "data": data}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

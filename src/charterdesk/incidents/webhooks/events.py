"""What the incident process calls when something a webhook may want happens. Each reads
the active endpoints once and builds the payload only when one of them chose the event."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..models import Incident, IncidentUpdate, Maintenance, PostMortem
from . import payloads
from .models import WebhookEndpoint, WebhookEvent
from .services import webhooks_emit


def _emit(event: WebhookEvent, data: Callable[[], dict[str, Any]], now: datetime) -> None:
    chosen = WebhookEndpoint.objects.filter(is_active=True).values_list("events", flat=True)
    if any(event in events for events in chosen):
        webhooks_emit(event, data(), now)


def incident_changed(
    event: WebhookEvent, incident: Incident, now: datetime, update: IncidentUpdate | None = None
) -> None:
    def data() -> dict[str, Any]:
        found = {"incident": payloads.incident_data(incident)}
        if update is not None:
            found["update"] = payloads.update_data(update)
        return found

    _emit(event, data, now)


def maintenance_changed(maintenance: Maintenance, now: datetime) -> None:
    _emit(
        WebhookEvent.MAINTENANCE,
        lambda: {"maintenance": payloads.maintenance_data(maintenance)},
        now,
    )


def postmortem_published(postmortem: PostMortem, now: datetime) -> None:
    _emit(
        WebhookEvent.POSTMORTEM_PUBLISHED,
        lambda: {
            "incident": payloads.incident_data(postmortem.incident),
            "postmortem": payloads.postmortem_data(postmortem),
        },
        now,
    )

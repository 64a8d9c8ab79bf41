"""What a check's outcome means: N failures in a row open a suspected incident (one per
service at a time, joined within the deduplication window), M successes in a row recover.
Between the two the state holds, so a flapping service neither opens nor closes anything."""

from datetime import datetime, timedelta

from ..choices import EventKind, Source
from ..models import Incident
from ..services.lifecycle import incident_open
from ..timeline import event
from .models import Monitor, MonitorResult, MonitorState
from .probes import Outcome


def dedup_key(monitor: Monitor) -> str:
    return f"monitor:service:{monitor.service_id}"


def record(monitor: Monitor, outcome: Outcome, now: datetime) -> MonitorResult:
    """Store the result and move the monitor's state; the caller holds the transaction."""
    result = MonitorResult.objects.create(
        monitor=monitor,
        checked_at=now,
        ok=outcome.ok,
        latency_ms=outcome.latency_ms,
        message=outcome.message[:500],
    )
    if outcome.ok:
        monitor.successes, monitor.failures = monitor.successes + 1, 0
        if monitor.state == MonitorState.UNKNOWN:
            monitor.state = MonitorState.UP
        elif (
            monitor.state == MonitorState.DOWN and monitor.successes >= monitor.successes_to_recover
        ):
            _recover(monitor, outcome, now)
    else:
        monitor.failures, monitor.successes = monitor.failures + 1, 0
        if monitor.state != MonitorState.DOWN and monitor.failures >= monitor.failures_to_open:
            _fail(monitor, outcome, now)
    monitor.last_checked_at, monitor.last_message = now, outcome.message[:500]
    monitor.save(
        update_fields=[
            "state",
            "failures",
            "successes",
            "last_checked_at",
            "last_message",
            "incident",
        ]
    )
    return result


def _fail(monitor: Monitor, outcome: Outcome, now: datetime) -> None:
    monitor.state = MonitorState.DOWN
    key = dedup_key(monitor)
    window = now - timedelta(minutes=monitor.dedup_minutes)
    recent = (
        Incident.objects.filter(dedup_key=key, detected_at__gte=window)
        .order_by("-detected_at")
        .first()
    )
    text = f"Monitor {monitor.name} failed {monitor.failures} times in a row: {outcome.message}"
    if recent is not None:
        event(recent, EventKind.NOTE, None, text, at=now, monitor=monitor.pk)
        monitor.incident = recent
        return
    service = monitor.service
    incident = incident_open(
        None,
        title=f"{service.name}: {monitor.name} is failing",
        services=[service],
        now=now,
        source=Source.MONITOR,
        dedup_key=key,
        nature=outcome.message[:500],
    )
    if incident.detected_at != now:  # an open incident of the service took it
        event(incident, EventKind.NOTE, None, text, at=now, monitor=monitor.pk)
    monitor.incident = incident


def _recover(monitor: Monitor, outcome: Outcome, now: datetime) -> None:
    monitor.state = MonitorState.UP
    if monitor.incident_id is not None:
        incident = Incident.objects.get(pk=monitor.incident_id)
        text = (
            f"Monitor {monitor.name} recovered after {monitor.successes} successes in a row: "
            f"{outcome.message}"
        )
        event(incident, EventKind.NOTE, None, text, at=now, monitor=monitor.pk)

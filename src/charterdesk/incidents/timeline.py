"""Lines of an incident's timeline: every change to an incident writes one."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from charterdesk.accounts.models import User

from .choices import EventKind
from .models import Incident, TimelineEvent


def event(
    incident: Incident,
    kind: EventKind,
    actor: User | None = None,
    text: str = "",
    *,
    at: datetime | None = None,
    **data: Any,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        incident=incident,
        kind=kind,
        actor=actor,
        text=text[:1000],
        at=at or timezone.now(),
        data=data,
    )

"""`GET /insights/spikes`, `GET /insights/gaps` and `POST /insights/gaps/draft`: the spikes
and knowledge-gaps pages for agents, in the API."""

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User

from .gaps import selectors as gap_selectors
from .gaps.models import GapKind
from .gaps.services import gap_draft
from .periods import Period, default_period
from .spikes.models import Spike

router = Router(tags=["insights"])
MAX_DAYS = 366


def _agent(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Insights are for support staff.")
    return user


class PeriodIn(Schema):
    start: date | None = Field(None, description="First day (default: 90 days ago).")
    end: date | None = Field(None, description="Last day, included (default: today).")

    def period(self) -> Period:
        fallback = default_period()
        period = Period(self.start or fallback.start, self.end or fallback.end)
        if period.end < period.start:
            raise ValidationError({"end": "The end is before the start."})
        if period.end - period.start > timedelta(days=MAX_DAYS):
            raise ValidationError({"start": f"Ask for at most {MAX_DAYS} days at a time."})
        return period


class SpikeOut(Schema):
    id: int
    kind: str
    label: str
    detected_at: datetime
    tickets: int = Field(description="Similar tickets linked so far.", alias="linked")
    organizations: int
    expected: float = Field(description="The usual count for that window of the week.")
    incident_id: int | None


class GapOut(Schema):
    kind: str
    key: str
    label: str
    count: int
    article_id: int | None


class GapsOut(Schema):
    start: date
    end: date
    tickets: list[GapOut]
    searches: list[GapOut]


class DraftIn(Schema):
    kind: GapKind
    key: str = Field(max_length=200)


class DraftOut(Schema):
    article_id: int
    created: bool


@router.get("/insights/spikes", response=list[SpikeOut])
def spikes(request: HttpRequest) -> Any:
    """The 50 newest spikes of similar tickets and the suspected incidents they raised."""
    _agent(request)
    return Spike.objects.order_by("-detected_at", "-id")[:50]


def _gaps(gaps: list[gap_selectors.Gap]) -> list[dict[str, Any]]:
    return [
        {"kind": g.kind, "key": g.key, "label": g.label, "count": g.count,
         "article_id": g.draft.pk if g.draft else None}
        for g in gaps
    ]  # fmt: skip


@router.get("/insights/gaps", response=GapsOut)
def gaps(request: HttpRequest, filters: Query[PeriodIn]) -> Any:
    """Solved tickets no article answered and help-center searches that found nothing,
    largest first, with the article drafted for each (if any)."""
    _agent(request)
    period = filters.period()
    return {
        "start": period.start,
        "end": period.end,
        "tickets": _gaps(gap_selectors.ticket_gaps(period)),
        "searches": _gaps(gap_selectors.search_gaps(period)),
    }


@router.post("/insights/gaps/draft", response={200: DraftOut, 201: DraftOut})
def draft(request: HttpRequest, payload: DraftIn, filters: Query[PeriodIn]) -> Status[DraftOut]:
    """Draft an article for a gap (once: the same article afterwards, with 200)."""
    user, period = _agent(request), filters.period()
    with transaction.atomic(durable=True):
        article, created = gap_draft(actor=user, kind=payload.kind, key=payload.key, period=period)
    return Status(201 if created else 200, DraftOut(article_id=article.pk, created=created))

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from charterdesk.core.moments import ReasonableDateTime
from charterdesk.core.pagination import Cursor, Limit
from charterdesk.routing.models import Queue
from charterdesk.tickets.schemas import PersonRef

from .models import Escalation


class EscalationIn(Schema):
    kind: Literal["functional", "hierarchical"]
    reason: str = Field(min_length=1, max_length=1000)
    note: str = Field("", max_length=5000, description="Hand-off note (required up a tier).")


class DeEscalationIn(Schema):
    reason: str = Field(min_length=1, max_length=500)
    note: str = Field(..., min_length=1, max_length=5000, description="Hand-off note.")


class AnswerIn(Schema):
    decision: Literal["accept", "decline"]
    answer: str = Field("", max_length=1000, description="Mailed to the customer.")


def _queue_name(queue: Queue | None) -> str | None:
    return str(queue) if queue else None


class EscalationOut(Schema):
    id: int
    kind: Literal["functional", "hierarchical", "de_escalation"]
    source: Literal["agent", "customer", "sla"]
    from_tier: int | None
    to_tier: int | None
    from_queue: str | None
    to_queue: str | None
    handed_off: bool
    from_owner: PersonRef | None
    to_owner: PersonRef | None
    reason: str
    note: str
    actor: PersonRef | None
    created_at: datetime

    @staticmethod
    def resolve_from_queue(escalation: Escalation) -> str | None:
        return _queue_name(escalation.from_queue)

    @staticmethod
    def resolve_to_queue(escalation: Escalation) -> str | None:
        return _queue_name(escalation.to_queue)


class RequestOut(Schema):
    id: int
    ticket_id: int
    reason: str
    state: Literal["requested", "acknowledged", "answered"]
    decision: Literal["accepted", "declined", ""]
    answer: str
    requested_by: PersonRef
    created_at: datetime
    acknowledged_at: datetime | None
    answered_at: datetime | None


class TicketEscalationsOut(Schema):
    ticket_id: int
    tier: int
    escalated: bool = Field(description="Escalated at least once (functional or hierarchical).")
    escalation_owner: PersonRef | None = Field(description="Agents only.")
    escalations: list[EscalationOut] = Field(description="Agents only (reasons are internal).")
    requests: list[RequestOut]


class RequestPage(Schema):
    items: list[RequestOut]
    next: str | None


class RequestFilters(Schema):
    cursor: Cursor | None = None
    limit: Limit = 25


# The swarm-vs-hand-off report (swarm_report.py)
class ModeOut(Schema):
    mode: str
    label: str
    resolved: int
    median_hours: float | None
    average_hours: float | None
    handoffs_per_ticket: float | None
    reopen_rate: float | None
    collaborators_per_ticket: float | None
    minutes_logged: int
    collaborator_minutes: int


class ReportOut(Schema):
    start: datetime = Field(validation_alias="start", serialization_alias="from")
    end: datetime = Field(validation_alias="end", serialization_alias="to")
    modes: list[ModeOut]


class Period(Schema):
    start: ReasonableDateTime | None = Field(
        None, alias="from", description="Default: 30 days ago."
    )
    end: ReasonableDateTime | None = Field(None, alias="to", description="Default: now.")

from datetime import datetime

from ninja import Field, Schema

from charterdesk.core.moments import ReasonableDate, ReasonableDateTime

from .selectors import AttainmentRow


class ClockOut(Schema):
    id: int
    metric: str
    state: str
    breached: bool
    warned: bool
    due_at: datetime | None
    business_seconds_used: int = Field(validation_alias="used_before")
    target_minutes: int
    started_at: datetime
    fulfilled_at: datetime | None


class SlaEventOut(Schema):
    id: int
    metric: str = Field(validation_alias="clock.metric")
    kind: str
    at: datetime
    due_at: datetime | None
    business_seconds_used: int
    note: str
    reason: str = Field(
        validation_alias="shown_reason",
        description="Why an agent set the deadline by hand; empty for customers (internal).",
    )


class OverrideIn(Schema):
    due_at: ReasonableDateTime
    reason: str = Field(min_length=1, max_length=500)


class AttainmentOut(Schema):
    plan: str
    metric: str
    priority: str
    month: str
    achieved: int
    breached: int
    active: int
    attainment: float | None

    @staticmethod
    def resolve_month(row: AttainmentRow) -> str:
        return row.month.strftime("%Y-%m")


class Period(Schema):
    start: ReasonableDate = Field(alias="from")
    end: ReasonableDate = Field(alias="to")

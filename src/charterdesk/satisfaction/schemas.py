from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from charterdesk.core.moments import ReasonableDate


class SurveyIn(Schema):
    rating: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=5000)


class SurveyOut(Schema):
    ticket_id: int
    sent_at: datetime
    rating: int | None
    comment: str
    answered_at: datetime | None
    changed_at: datetime | None
    open_until: datetime


GroupName = Literal["agent", "team", "queue", "plan", "month"]


class ResultRowOut(Schema):
    group: str = Field(
        validation_alias="label", description="The agent, team, queue or plan name, or the month."
    )
    answers: int
    satisfied: int = Field(description="Answers rated 4 or 5.")
    csat: float | None = Field(description="Share of answers rated 4 or 5.")
    average: float | None


class ReportOut(Schema):
    by: GroupName
    start: date = Field(validation_alias="start", serialization_alias="from")
    end: date = Field(validation_alias="end", serialization_alias="to")
    total: dict[str, Any] = Field(description="answers, average and csat of the whole period.")
    rows: list[ResultRowOut]


class ResultFilters(Schema):
    by: GroupName = "agent"
    start: ReasonableDate | None = Field(None, alias="from", description="Default: 90 days ago.")
    end: ReasonableDate | None = Field(None, alias="to", description="Default: today.")

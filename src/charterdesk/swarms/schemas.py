from datetime import datetime

from ninja import Field, Schema

from charterdesk.tickets.schemas import PersonRef


class HelpRequestIn(Schema):
    skills: list[str] = Field(min_length=1, max_length=10, description="e.g. ['postgres']")
    note: str = Field("", max_length=1000)


class HelpRequestOut(Schema):
    id: int
    ticket_id: int
    skills: list[str]
    note: str
    notified: list[str] = Field(description="Emails of the agents told by mail.")
    requested_by: PersonRef
    created_at: datetime


class CollaboratorIn(Schema):
    agent_email: str | None = Field(None, description="Default: you join.")


class CollaboratorOut(Schema):
    agent: PersonRef
    added_by: PersonRef | None
    added_at: datetime


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
    start: datetime | None = Field(None, alias="from", description="Default: 30 days ago.")
    end: datetime | None = Field(None, alias="to", description="Default: now.")

from datetime import datetime

from ninja import Field, Schema

from charterdesk.core.validators import Email, Label
from charterdesk.tickets.schemas import PersonRef


class HelpRequestIn(Schema):
    skills: list[Label] = Field(min_length=1, max_length=10, description="e.g. ['postgres']")
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
    agent_email: Email | None = Field(None, description="Default: you join.")


class CollaboratorOut(Schema):
    agent: PersonRef
    added_by: PersonRef | None
    added_at: datetime

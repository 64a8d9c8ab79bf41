from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from charterdesk.core.pagination import Cursor, Limit

OutcomeName = Literal["pending", "ticket_created", "message_added", "ignored", "quarantined"]


class InboundOut(Schema):
    id: int
    received_at: datetime
    source: str
    message_id: str
    from_address: str
    subject: str
    outcome: OutcomeName
    reason: str
    ticket: int | None = Field(validation_alias="ticket_id")


class InboundPage(Schema):
    items: list[InboundOut]
    next: str | None


class InboundFilters(Schema):
    outcome: OutcomeName | None = None
    cursor: Cursor | None = None
    limit: Limit = 25

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from charterdesk.core.pagination import Cursor, Limit
from charterdesk.core.validators import Email
from charterdesk.tickets.schemas import PersonRef

from .models import Commitment

StateName = Literal["open", "kept", "broken", "cancelled"]


class CommitmentIn(Schema):
    text: str = Field(min_length=1, max_length=300)
    due_at: datetime
    owner_email: Email | None = Field(None, description="The agent who keeps it; default: you.")


class CommitmentPatch(Schema):
    state: Literal["kept", "broken", "cancelled"] | None = None
    due_at: datetime | None = Field(None, description="Move an open promise.")
    note: str = Field("", max_length=500, description="Why (shown to the customer).")


class CommitmentOut(Schema):
    id: int
    ticket_id: int
    text: str
    owner: PersonRef
    due_at: datetime
    state: StateName
    overdue: bool
    note: str
    created_at: datetime
    kept_at: datetime | None
    settled_at: datetime | None

    @staticmethod
    def resolve_overdue(commitment: Commitment) -> bool:
        return commitment.is_overdue()


class CommitmentPage(Schema):
    items: list[CommitmentOut]
    next: str | None


class CommitmentFilters(Schema):
    state: StateName | None = None
    overdue: bool = False
    owner_email: Email | None = None
    cursor: Cursor | None = None
    limit: Limit = 25

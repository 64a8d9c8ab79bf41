from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from charterdesk.accounts.models import User
from charterdesk.core.pagination import Cursor, Limit
from charterdesk.core.validators import Email, Id
from charterdesk.customers.models import Contact

from .models import Message, Ticket

RequestTypeName = Literal["downtime", "error", "how_to", "consulting"]
PriorityName = Literal["urgent", "high", "normal", "low"]
StatusName = Literal["new", "open", "pending", "on_hold", "solved", "closed"]


class TicketIn(Schema):
    subject: str = Field(min_length=1, max_length=250)
    body: str = Field(min_length=1, max_length=1_000_000)
    type: RequestTypeName | None = None
    priority: PriorityName | None = None
    product: str = Field("", max_length=100, description="Routing rules may pick a queue by it.")
    language: str = Field(
        "", max_length=20, description="e.g. 'de'; default: the organization's language."
    )
    requester_email: Email | None = Field(
        None, description="Agents open tickets on behalf of this contact; customers omit it."
    )


class TicketFilters(Schema):
    status: StatusName | None = None
    type: RequestTypeName | None = None
    organization: Id | None = None
    cursor: Cursor | None = None
    limit: Limit = 25


class TicketPatch(Schema):
    type: RequestTypeName | None = None
    priority: PriorityName | None = None
    status: StatusName | None = None
    assignee_email: Email | None = Field(None, description="null unassigns.")


class CoverageOut(Schema):  # read from the ticket's coverage fields
    decision: str = Field(validation_alias="coverage")
    reason: str = Field(validation_alias="coverage_reason")
    alternative: str | None

    @staticmethod
    def resolve_alternative(ticket: Ticket) -> str | None:
        return ticket.coverage_alternative or None


class OrganizationRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    email: str
    name: str


class QueueRef(Schema):
    id: int
    name: str


class ClockSummary(Schema):
    id: int = Field(description="The clock's id: what the SLA override endpoint takes.")
    metric: str
    state: str
    breached: bool
    due_at: datetime | None
    business_seconds_used: int


class TicketOut(Schema):
    # `sla` is not a field of Ticket: the API, which composes tickets and SLA, sets each
    # ticket's clock summaries on it beforehand (in bulk for a page).
    id: int
    subject: str
    type: RequestTypeName = Field(validation_alias="request_type")
    type_source: str
    priority: PriorityName
    status: StatusName
    channel: str
    product: str
    language: str
    coverage: CoverageOut
    organization: OrganizationRef | None
    requester: PersonRef
    queue: QueueRef
    tier: int = Field(validation_alias="queue.tier")
    assignee: PersonRef | None
    first_reply_due_at: datetime | None
    first_replied_at: datetime | None
    created_at: datetime
    updated_at: datetime
    sla: list[ClockSummary]

    @staticmethod
    def resolve_coverage(ticket: Ticket) -> Ticket:
        return ticket


class TicketPage(Schema):
    items: list[TicketOut]
    next: str | None


class MessageIn(Schema):
    body: str = Field(min_length=1, max_length=1_000_000)
    visibility: Literal["public", "internal"] = "public"


class MessageOut(Schema):
    id: int
    body: str
    visibility: str
    channel: str
    author: PersonRef | None
    from_staff: bool
    created_at: datetime

    @staticmethod
    def resolve_author(message: Message) -> User | Contact | None:
        return message.author or message.author_contact


class EventOut(Schema):
    id: int
    kind: str
    field: str
    old_value: str
    new_value: str
    note: str
    actor: PersonRef | None
    created_at: datetime

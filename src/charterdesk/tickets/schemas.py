from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from charterdesk.accounts.models import User
from charterdesk.core.pagination import Cursor, Limit
from charterdesk.core.validators import Email, Id
from charterdesk.customers.models import Contact

from .category_models import Category
from .category_schemas import CategoryRef
from .models import FieldKind, Message, Ticket

RequestTypeName = Literal["downtime", "error", "how_to", "consulting"]
PriorityName = Literal["urgent", "high", "normal", "low"]
RootCauseName = Literal[
    "product_defect",
    "configuration",
    "environment",
    "third_party",
    "documentation_gap",
    "feature_request",
    "user_error",
]
StatusName = Literal["new", "open", "pending", "on_hold", "solved", "closed"]
# A custom field's value: text, a number, a checkbox, a date as 2026-12-31, or null.
FieldValue = (
    Annotated[str, Field(max_length=500)]
    | Annotated[int, Field(ge=-(10**15), le=10**15)]
    | Annotated[float, Field(ge=-1e15, le=1e15)]
    | bool
    | None
)
TagName = Annotated[str, Field(max_length=50)]


class TicketIn(Schema):
    subject: str = Field(min_length=1, max_length=250)
    body: str = Field(min_length=1, max_length=1_000_000)
    type: RequestTypeName | None = None
    priority: PriorityName | None = None
    product: str = Field(
        "",
        max_length=100,
        description="The product's name (a catalogue name, in any case, points at the "
        "catalogue entry; another name stays free text). Routing rules may pick a queue by it.",
    )
    version: str = Field(
        "",
        max_length=40,
        description="One of the catalogue product's versions, e.g. '4.1' (needs `product`).",
    )
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
    tag: str | None = Field(None, max_length=50, description="Agents: tickets with this tag.")
    cursor: Cursor | None = None
    limit: Limit = 25


class TicketPatch(Schema):
    type: RequestTypeName | None = None
    priority: PriorityName | None = None
    status: StatusName | None = None
    assignee_email: Email | None = Field(None, description="null unassigns.")
    tags: list[TagName] | None = Field(
        None, max_length=30, description="The ticket's tags, replacing the ones it has."
    )
    fields: dict[str, FieldValue] | None = Field(
        None, description="Custom field values by key; null or an empty string empties one."
    )
    category_id: Id | None = Field(None, description="The ticket's category; null clears it.")
    root_cause: RootCauseName | Literal[""] | None = Field(
        None, description="Why it happened (recorded when solving); an empty string clears it."
    )
    product: str | None = Field(None, max_length=100)
    product_version: str | None = Field(None, max_length=50)


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
    tags: list[str] = Field(description="Agents only: customers get an empty list.")
    fields: dict[str, FieldValue] = Field(
        description="Custom fields with a value, by key; customers get the visible ones."
    )
    merged_into: int | None = Field(
        validation_alias="merged_into_id",
        description="The ticket this duplicate was merged into (it is closed).",
    )
    is_problem: bool = Field(description="A problem ticket, with incident tickets linked.")
    category: CategoryRef | None = Field(description="Agents only: customers get null.")
    category_source: str = Field(description="person, rule, model or import; agents only.")
    root_cause: str = Field(description="Agents only: why it happened ('' for none).")
    product_version: str = Field(
        description="The catalogue version of the ticket's product ('' for none)."
    )

    @staticmethod
    def resolve_category(ticket: Ticket, context: dict[str, Any]) -> Category | None:
        return ticket.category if _reader_is_agent(context) else None

    @staticmethod
    def resolve_product_version(ticket: Ticket) -> str:
        return ticket.product_version.version if ticket.product_version else ""

    @staticmethod
    def resolve_root_cause(ticket: Ticket, context: dict[str, Any]) -> str:
        return ticket.root_cause if _reader_is_agent(context) else ""

    @staticmethod
    def resolve_category_source(ticket: Ticket, context: dict[str, Any]) -> str:
        return ticket.category_source if _reader_is_agent(context) else ""

    @staticmethod
    def resolve_coverage(ticket: Ticket) -> Ticket:
        return ticket

    @staticmethod
    def resolve_tags(ticket: Ticket, context: dict[str, Any]) -> list[str]:
        if not _reader_is_agent(context):
            return []
        return sorted(tag.name for tag in ticket.tags.all())

    @staticmethod
    def resolve_fields(ticket: Ticket, context: dict[str, Any]) -> dict[str, FieldValue]:
        agent = _reader_is_agent(context)
        return {
            v.field.key: _typed(v.field.kind, v.value)
            for v in ticket.field_values.all()
            if v.field.active and (agent or v.field.visible_to_customers)
        }


def _reader_is_agent(context: dict[str, Any]) -> bool:
    user = getattr(context.get("request"), "auth", None)
    return bool(getattr(user, "is_agent", False))


def _typed(kind: str, value: str) -> FieldValue:
    if kind == FieldKind.CHECKBOX:
        return value == "yes"
    if kind == FieldKind.NUMBER:
        number = Decimal(value)
        return int(number) if number == number.to_integral() else float(number)
    return value


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

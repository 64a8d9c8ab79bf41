from typing import Annotated

from ninja import Field, Schema

from charterdesk.core.validators import Id, Label
from charterdesk.tickets.schemas import RequestTypeName

from .assignment import Choice
from .models import RoutingRule
from .selectors import AgentRow, Trial

MAX_POSITION = 2**31 - 1  # a PositiveIntegerField
Labels = Annotated[list[Label], Field(max_length=100)]
Ids = Annotated[list[Id], Field(max_length=1000)]


class Conditions(Schema):
    request_types: list[RequestTypeName] = []
    products: Labels = []
    organizations: Ids = Field([], description="Organization ids.")
    plans: Ids = Field([], description="Plan ids.")
    languages: Labels = []
    regions: Labels = []
    channels: Labels = []
    categories: Ids = Field(
        [], description="Category ids; each also matches the categories below it."
    )


class CategoryRef(Schema):
    id: int
    path: str


class QueueRef(Schema):
    id: int
    name: str
    tier: int
    assignment: str


class RuleOut(Schema):
    id: int
    position: int
    name: str
    enabled: bool
    conditions: Conditions
    queue: QueueRef
    set_category: CategoryRef | None = Field(
        None, description="The category the rule sets on a new ticket (recorded as 'rule')."
    )

    @staticmethod
    def resolve_conditions(rule: RoutingRule) -> RoutingRule:
        return rule


class RuleIn(Conditions):
    name: str = Field(min_length=1, max_length=100)
    position: int = Field(0, ge=0, le=MAX_POSITION)
    enabled: bool = True
    queue: Id = Field(description="Queue id.")
    set_category: Id | None = Field(None, description="Category id to set, or null.")


class RulePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    position: int | None = Field(None, ge=0, le=MAX_POSITION)
    enabled: bool | None = None
    queue: Id | None = None
    request_types: list[RequestTypeName] | None = None
    products: Labels | None = None
    organizations: Ids | None = None
    plans: Ids | None = None
    languages: Labels | None = None
    regions: Labels | None = None
    channels: Labels | None = None
    categories: Ids | None = None
    set_category: Id | None = Field(None, description="Category id; null: set none.")


class AvailabilityIO(Schema):
    availability: str = Field(max_length=20, description="available or away")


class AvailabilityOut(AvailabilityIO):  # read from an AgentRow
    on_shift: bool
    load: float
    capacity: int
    calendar: str | None

    @staticmethod
    def resolve_availability(row: AgentRow) -> str:
        return row.profile.availability

    @staticmethod
    def resolve_capacity(row: AgentRow) -> int:
        return row.profile.capacity

    @staticmethod
    def resolve_calendar(row: AgentRow) -> str | None:
        return str(row.profile.calendar) if row.profile.calendar else None


class TrialIn(Schema):
    type: RequestTypeName
    channel: Label = "portal"
    organization: Id | None = None
    product: Label = ""
    language: str = Field("", max_length=20)


def _email(choice: Choice) -> str | None:
    return choice.assignee.email if choice.assignee else None


class TrialOut(Schema):
    rule: str | None
    queue: QueueRef = Field(validation_alias="route.queue")
    note: str
    assignee: str | None
    assignment: str = Field(validation_alias="choice.strategy")

    @staticmethod
    def resolve_rule(trial: Trial) -> str | None:
        return trial.route.rule.name if trial.route.rule else None

    @staticmethod
    def resolve_note(trial: Trial) -> str:
        return f"{trial.route.note}; {trial.choice.note}"

    @staticmethod
    def resolve_assignee(trial: Trial) -> str | None:
        return _email(trial.choice)


class AssignOut(Schema):  # read from a Choice
    assignee: str | None
    assignment: str = Field(validation_alias="strategy")
    note: str

    @staticmethod
    def resolve_assignee(choice: Choice) -> str | None:
        return _email(choice)


class RulePage(Schema):
    items: list[RuleOut]
    next: str | None


class RuleOrder(Schema):
    ids: list[Id] = Field(
        max_length=10_000, description="Every rule's id, in the order they are tried."
    )


class AgentOut(Schema):  # read from an AgentRow
    email: str = Field(validation_alias="profile.user.email")
    name: str = Field(validation_alias="profile.user.name")
    teams: list[str]
    availability: str = Field(validation_alias="profile.availability")
    on_shift: bool
    load: float
    capacity: int = Field(validation_alias="profile.capacity")


class PageQuery(Schema):
    offset: int = Field(0, ge=0, le=10**9)
    limit: int = Field(50, ge=1, le=200)

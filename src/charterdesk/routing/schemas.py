from ninja import Field, Schema

from charterdesk.tickets.schemas import RequestTypeName

ChannelName = str


class Conditions(Schema):
    request_types: list[RequestTypeName] = []
    products: list[str] = []
    organizations: list[int] = Field([], description="Organization ids.")
    plans: list[int] = Field([], description="Plan ids.")
    languages: list[str] = []
    regions: list[str] = []
    channels: list[ChannelName] = []


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


class RuleIn(Conditions):
    name: str = Field(min_length=1, max_length=100)
    position: int = Field(0, ge=0)
    enabled: bool = True
    queue: int = Field(description="Queue id.")


class RulePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    position: int | None = Field(None, ge=0)
    enabled: bool | None = None
    queue: int | None = None
    request_types: list[RequestTypeName] | None = None
    products: list[str] | None = None
    organizations: list[int] | None = None
    plans: list[int] | None = None
    languages: list[str] | None = None
    regions: list[str] | None = None
    channels: list[ChannelName] | None = None


class AvailabilityIO(Schema):
    availability: str = Field(description="available or away")


class AvailabilityOut(AvailabilityIO):
    on_shift: bool
    load: float
    capacity: int
    calendar: str | None


class TrialIn(Schema):
    type: RequestTypeName
    channel: str = "portal"
    organization: int | None = None
    product: str = ""
    language: str = ""


class TrialOut(Schema):
    rule: str | None
    queue: QueueRef
    note: str
    assignee: str | None
    assignment: str


class AssignOut(Schema):
    assignee: str | None
    assignment: str
    note: str

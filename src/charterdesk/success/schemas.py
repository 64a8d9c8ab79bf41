from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from charterdesk.core.validators import Email, Id

SituationName = Literal[
    "onboarding",
    "regular_review",
    "renewal",
    "objection",
    "escalation_recovery",
    "outage_follow_up",
    "other",
]
OwnerRoleName = Literal["relationship_manager", "support_manager", "assigned_agent", "named_person"]

ActionItem = Annotated[str, Field(max_length=500)]  # one line of a review's action items


class StepSchema(Schema):
    title: str = Field(max_length=200)
    description: str = Field("", max_length=5000)
    owner_role: OwnerRoleName
    owner_email: Email | None = Field(
        None, description="The named person (owner_role named_person)."
    )
    due_days: int = Field(0, ge=0, le=365, description="Business days after the run starts.")


class TemplateSchema(Schema):
    name: str = Field(max_length=100)
    subject: str = Field(max_length=200)
    body: str = Field(max_length=20000)


class PlaybookIn(Schema):
    title: str = Field(max_length=200)
    situation: SituationName
    summary: str = Field("", max_length=5000)
    script: str = Field("", max_length=50000, description="Sample dialogue (Markdown).")
    steps: list[StepSchema] = Field(default_factory=list, max_length=100)
    templates: list[TemplateSchema] = Field(default_factory=list, max_length=50)
    change_note: str = Field("", max_length=300)


class VersionOut(Schema):
    number: int
    state: str
    title: str
    summary: str
    script: str
    published_at: datetime | None
    steps: list[StepSchema]
    templates: list[TemplateSchema]


class PlaybookOut(Schema):
    id: int
    situation: str
    default_for_onboarding: bool
    live: VersionOut | None
    draft: VersionOut | None


class PlaybookSummary(Schema):
    id: int
    situation: str
    title: str
    version: int | None


class RunIn(Schema):
    organization_id: Id
    agent_email: Email | None = Field(None, description="The assigned agent; default: you.")


class TaskOut(Schema):
    id: int
    position: int
    title: str
    owner_email: str | None
    due_at: datetime
    state: str
    note: str
    finished_at: datetime | None


class RunOut(Schema):
    id: int
    playbook_id: int
    version: int
    organization_id: int
    state: str
    started_at: datetime
    completed_at: datetime | None
    tasks: list[TaskOut]


class TaskPatch(Schema):
    state: Literal["done", "skipped"]
    note: str = Field("", max_length=2000)


class ReasonOut(Schema):
    code: str
    label: str
    value: str
    contribution: int


class HealthOut(Schema):
    score: int = Field(ge=0, le=100)
    band: str
    reasons: list[ReasonOut]
    computed_at: datetime


class ReviewIn(Schema):
    scheduled_for: date = Field(description="Today or a later day.")


class ReviewPatch(Schema):
    agenda: str | None = Field(None, max_length=20000, description="Markdown.")
    scheduled_for: date | None = Field(None, description="Move a scheduled review.")
    state: Literal["held"] | None = Field(None, description="Hold the review.")
    notes: str | None = Field(None, max_length=20000)
    action_items: list[ActionItem] | None = Field(None, max_length=100)
    next_on: date | None = Field(None, description="The next review; default: one cadence on.")


class ReviewOut(Schema):
    id: int
    organization_id: int
    scheduled_for: date
    state: str
    agenda: str
    notes: str
    action_items: list[str]
    held_at: datetime | None
    held_by_email: str | None


class ReviewPage(Schema):
    items: list[ReviewOut]
    next: str | None
    next_review_due: date | None
    review_every_months: int

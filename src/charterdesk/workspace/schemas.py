from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from charterdesk.core.validators import Id


class MacroIn(Schema):
    title: str = Field(min_length=1, max_length=100)
    body: str = Field("", max_length=20_000, description="The public reply; placeholders.")
    note: str = Field("", max_length=20_000, description="An internal note; placeholders.")
    visibility: Literal["personal", "team", "shared"] = "personal"
    team_id: Id | None = Field(None, description="The team, for visibility 'team'.")
    changes: dict[str, Any] | None = Field(
        None,
        description="status, priority, request_type, queue (id), assignee (id, 'me' or "
        "null), add_tags, remove_tags (lists), fields ({key: value}).",
    )


class MacroOut(Schema):
    id: int
    title: str
    body: str
    note: str
    visibility: str
    team_id: int | None
    changes: dict[str, Any]
    owner: str = Field(validation_alias="owner.email")
    usage_count: int
    last_used_at: datetime | None
    created_at: datetime


class ViewIn(Schema):
    name: str = Field(min_length=1, max_length=80)
    shared: bool = False
    filters: dict[str, str] = Field(
        default_factory=dict,
        description="status, queue, type, priority, organization, requester (ids or codes), "
        "assignee (id, 'me' or 'none'), tag.",
    )


class ViewOut(Schema):
    id: int
    name: str
    shared: bool
    filters: dict[str, str]
    owner: str = Field(validation_alias="owner.email")
    count: int = Field(description="Tickets in the view now.")


class BulkIn(Schema):
    ids: list[Id] = Field(min_length=1, max_length=1000)
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="As a macro's changes: status, priority, queue, assignee, category "
        "(an id, null clears it), add_tags, remove_tags, fields.",
    )
    macro_id: Id | None = Field(None, description="A macro to apply to each ticket too.")


class OutcomeOut(Schema):
    id: int
    ok: bool
    changed: list[str]
    error: str


class BulkOut(Schema):
    bulk_id: int | None
    outcomes: list[OutcomeOut]

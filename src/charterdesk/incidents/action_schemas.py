"""API shapes of post-mortem follow-up actions."""

from datetime import date, datetime

from ninja import Field, Schema

from charterdesk.core.pagination import Cursor, Limit
from charterdesk.core.validators import Id


class ActionIn(Schema):
    text: str = Field(..., min_length=1, max_length=300)
    owner_id: Id | None = None
    due_on: date | None = None


class ActionPatch(Schema):
    """Only what is given changes; `owner_id: null` or `due_on: null` clears it."""

    text: str | None = Field(None, min_length=1, max_length=300)
    owner_id: Id | None = None
    due_on: date | None = None
    done: bool | None = None


class ActionOut(Schema):
    id: int
    incident_id: int
    text: str
    owner_id: int | None
    owner_email: str | None
    due_on: date | None
    done_at: datetime | None
    overdue: bool

    @staticmethod
    def resolve_incident_id(obj: object) -> int:
        return obj.postmortem.incident_id  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_owner_email(obj: object) -> str | None:
        owner = obj.owner  # type: ignore[attr-defined]
        return owner.email if owner else None

    @staticmethod
    def resolve_overdue(obj: object) -> bool:
        return bool(getattr(obj, "overdue", False))


class ActionPage(Schema):
    items: list[ActionOut]
    next: str | None


class ActionFilters(Schema):
    owner: str | None = Field(None, max_length=20, description="`me` or a user id")
    open: bool = False
    cursor: Cursor | None = None
    limit: Limit = 25

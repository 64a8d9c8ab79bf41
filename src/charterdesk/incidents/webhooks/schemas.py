"""The webhooks API's shapes. The secret is write-only: accepted, never returned."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from charterdesk.core.pagination import Cursor, Limit

EventName = Literal[
    "incident.created",
    "incident.qualified",
    "incident.updated",
    "incident.resolved",
    "maintenance.updated",
    "postmortem.published",
]
SIGNING_HELP = "Signs every body (HMAC-SHA256); write-only. Omitted on create: generated."


class WebhookIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    url: str = Field(min_length=8, max_length=500, description="An https:// or http:// address.")
    events: list[EventName] = Field(min_length=1, max_length=6)
    secret: str = Field("", max_length=128, description=SIGNING_HELP)
    is_active: bool = True


class WebhookPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    url: str | None = Field(None, min_length=8, max_length=500)
    events: list[EventName] | None = Field(None, min_length=1, max_length=6)
    secret: str | None = Field(None, max_length=128, description=SIGNING_HELP)
    is_active: bool | None = None


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    is_active: bool
    consecutive_failures: int
    disabled_at: datetime | None
    disabled_reason: str
    created_at: datetime


class DeliveryOut(Schema):
    id: int
    event: str
    state: str
    attempts: int
    max_attempts: int
    next_attempt_at: datetime
    response_code: int | None
    error: str
    created_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None


class WebhookPage(Schema):
    items: list[WebhookOut]
    next: str | None


class DeliveryPage(Schema):
    items: list[DeliveryOut]
    next: str | None


class PageFilters(Schema):
    cursor: Cursor | None = None
    limit: Limit = 25

"""Mail in the API, for agents: what arrived with its outcome (processing a quarantined
message again is the mailboxes app's, which runs the pipeline). Customers get 403: raw
mail is never theirs to browse."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Schema

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import page_of

from .models import InboundMail

router = Router(tags=["mail"])
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
    ticket: int | None


class InboundPage(Schema):
    items: list[InboundOut]
    next: str | None


class InboundFilters(Schema):
    outcome: OutcomeName | None = None
    cursor: str | None = None
    limit: int = 25


def agent_only(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Mail is for agents.")
    return user


def inbound_out(mail: InboundMail) -> dict[str, Any]:
    return {
        "id": mail.pk,
        "received_at": mail.received_at,
        "source": mail.source,
        "message_id": mail.message_id,
        "from_address": mail.from_address,
        "subject": mail.subject,
        "outcome": mail.outcome,
        "reason": mail.reason,
        "ticket": mail.ticket_id,
    }


@router.get("/mail/inbound", response=InboundPage)
def list_inbound(request: HttpRequest, filters: Query[InboundFilters]) -> dict[str, Any]:
    agent_only(request)
    rows, next_url = page_of(
        request,
        InboundMail.objects.all(),
        filters.cursor,
        filters.limit,
        outcome=filters.outcome,
    )
    return {"items": [inbound_out(m) for m in rows], "next": next_url}

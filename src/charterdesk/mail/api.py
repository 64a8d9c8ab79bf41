"""Mail in the API, for agents: what arrived with its outcome, and processing a
quarantined message again. Customers get 403: raw mail is never theirs to browse."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import page_of

from .models import InboundMail, Outcome

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


def _agent(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Mail is for agents.")
    return user


def _out(mail: InboundMail) -> dict[str, Any]:
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
    _agent(request)
    rows, next_url = page_of(
        request,
        InboundMail.objects.all(),
        filters.cursor,
        filters.limit,
        outcome=filters.outcome,
    )
    return {"items": [_out(m) for m in rows], "next": next_url}


@router.post("/mail/inbound/{mail_id}/process", response=InboundOut)
def process_again(request: HttpRequest, mail_id: int) -> dict[str, Any]:
    """Run a quarantined (or pending) message through the pipeline again."""
    _agent(request)
    mail = get_object_or_404(InboundMail, pk=mail_id)
    if mail.outcome not in (Outcome.QUARANTINED, Outcome.PENDING):
        raise ValidationError({"outcome": "Only quarantined or pending mail is processed again."})
    from .ingest import inbound_process  # the pipeline loads the mail parser: only when used

    inbound_process(mail)
    mail.refresh_from_db()
    return _out(mail)

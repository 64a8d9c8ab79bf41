"""Mail in the API, for agents: what arrived with its outcome, and processing a
quarantined message again. Customers get 403: raw mail is never theirs to browse."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import page_of

from .models import InboundMail, Outcome
from .schemas import InboundFilters, InboundOut, InboundPage

router = Router(tags=["mail"])


def _agent(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Mail is for agents.")
    return user


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
    return {"items": rows, "next": next_url}


@router.post("/mail/inbound/{mail_id}/process", response=InboundOut)
def process_again(request: HttpRequest, mail_id: int) -> InboundMail:
    """Run a quarantined (or pending) message through the pipeline again."""
    # No transaction here: the pipeline commits its own, so that a failure is recorded on
    # the mail after its work was rolled back.
    _agent(request)
    mail = get_object_or_404(InboundMail, pk=mail_id)
    if mail.outcome not in (Outcome.QUARANTINED, Outcome.PENDING):
        raise ValidationError({"outcome": "Only quarantined or pending mail is processed again."})
    from .ingest import inbound_process  # the pipeline loads the mail parser: only when used

    inbound_process(mail)
    mail.refresh_from_db()
    return mail

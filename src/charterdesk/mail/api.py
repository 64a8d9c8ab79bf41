"""Mail in the API, for agents: what arrived with its outcome (processing a quarantined
message again is the mailboxes app's, which runs the pipeline). Customers get 403: raw
mail is never theirs to browse."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import page_of

from .models import InboundMail
from .schemas import InboundFilters, InboundPage

router = Router(tags=["mail"])


def agent_only(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Mail is for agents.")
    return user


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
    return {"items": rows, "next": next_url}

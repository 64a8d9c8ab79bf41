"""Processing a quarantined (or pending) message again, for agents: it runs the ingest
pipeline, which is this app's. Listing what arrived is the mail app's API."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from charterdesk.mail.api import InboundOut, agent_only, inbound_out
from charterdesk.mail.models import InboundMail, Outcome

from .ingest import inbound_process

router = Router(tags=["mail"])


@router.post("/mail/inbound/{mail_id}/process", response=InboundOut)
def process_again(request: HttpRequest, mail_id: int) -> dict[str, Any]:
    """Run a quarantined (or pending) message through the pipeline again."""
    agent_only(request)
    mail = get_object_or_404(InboundMail, pk=mail_id)
    if mail.outcome not in (Outcome.QUARANTINED, Outcome.PENDING):
        raise ValidationError({"outcome": "Only quarantined or pending mail is processed again."})
    inbound_process(mail)
    mail.refresh_from_db()
    return inbound_out(mail)

"""Processing a quarantined (or pending) message again, for agents: it runs the ingest
pipeline, which is this app's. Listing what arrived is the mail app's API."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router

from charterdesk.core.validators import Id
from charterdesk.mail.api import agent_only
from charterdesk.mail.models import InboundMail, Outcome
from charterdesk.mail.schemas import InboundOut
from charterdesk.mail.selectors import inbound_get_for

from .ingest import inbound_process

router = Router(tags=["mail"])


@router.post("/mail/inbound/{mail_id}/process", response=InboundOut)
def process_again(request: HttpRequest, mail_id: Id) -> InboundMail:
    """Run a quarantined (or pending) message through the pipeline again."""
    # No transaction here: the pipeline commits its own, so that a failure is recorded on
    # the mail after its work was rolled back.
    mail = inbound_get_for(agent_only(request), mail_id)
    if mail.outcome not in (Outcome.QUARANTINED, Outcome.PENDING):
        raise ValidationError({"outcome": "Only quarantined or pending mail is processed again."})
    inbound_process(mail)
    mail.refresh_from_db()
    return mail

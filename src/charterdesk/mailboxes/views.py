"""Agents' action on what arrived: process a quarantined (or pending) message again. The
pages that show mail are the mail app's; running the pipeline is this app's."""

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.mail.models import InboundMail, Outcome
from charterdesk.mail.selectors import inbound_get_for

from .ingest import inbound_process


@agent_required
@require_POST
def inbound_retry(request: HttpRequest, mail_id: int) -> HttpResponse:
    try:
        inbound = inbound_get_for(signed_in_user(request), mail_id)
    except InboundMail.DoesNotExist as exc:
        raise Http404("No such mail.") from exc
    if inbound.outcome not in (Outcome.QUARANTINED, Outcome.PENDING):
        flash.error(request, "Only quarantined or pending mail is processed again.")
    else:
        result = inbound_process(inbound)
        outcome = Outcome(result.outcome).label
        flash.info(request, f"Processed again: {outcome}. {result.reason}")
    return redirect("mail:inbound", mail_id=mail_id)

"""A customer asks to escalate: recorded on the ticket, acknowledged at once (mail and
portal), and tracked to an answer by an agent or manager. Accepting performs a
hierarchical escalation; declining needs an answer, mailed to the customer. Plans may
limit how many requests an organization makes a month. Callers own the transaction."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import User
from charterdesk.customers.models import Contact, OptionalMail, Organization
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.guards import check_not_closed
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .lines import management_line
from .models import (
    OPEN_REQUEST_STATES,
    Decision,
    EscalationKind,
    EscalationRequest,
    RequestState,
    Source,
)
from .services import ticket_escalate


def month_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def requests_left(ticket: Ticket, now: datetime) -> int | None:
    """How many more escalation requests the ticket's organization may make this month
    (None: the plan sets no limit)."""
    plan = ticket.contract.plan if ticket.contract else None
    limit = plan.escalation_requests_per_month if plan else None
    if limit is None:
        return None
    made = EscalationRequest.objects.filter(created_at__gte=month_start(now))
    if ticket.organization_id is not None:
        made = made.filter(organization_id=ticket.organization_id)
    else:
        made = made.filter(requested_by_id=ticket.requester_id)
    return max(0, limit - made.count())


def _check(ticket: Ticket, reason: str, now: datetime) -> None:
    check_not_closed(ticket, "reason", "This request is closed; open a new one.")
    if not reason.strip():
        raise ValidationError({"reason": "Tell us why you want this request escalated."})
    if len(reason) > 1000:
        raise ValidationError({"reason": "Keep the reason under 1000 characters."})
    waiting = ticket.escalation_requests.filter(state__in=OPEN_REQUEST_STATES).first()
    if waiting is not None:
        raise ValidationError(
            {
                "reason": "You asked to escalate this request on "
                f"{timezone.localtime(waiting.created_at):%d %b %Y}; a manager answers soon."
            }
        )
    left = requests_left(ticket, now)
    if left == 0:
        assert ticket.contract is not None  # noqa: S101 - a limit comes from a contract
        plan = ticket.contract.plan
        raise ValidationError(
            {
                "reason": f"Your {plan} plan allows {plan.escalation_requests_per_month} "
                "escalation request(s) a month and they are used up. Reply on the request "
                "and your agent reads it, or call your account manager."
            }
        )


def escalation_request_create(
    ticket: Ticket,
    actor: User | None,
    *,
    reason: str,
    contact: Contact | None = None,
    at: datetime | None = None,
) -> EscalationRequest:
    """A customer (signed in: `actor`; by mail: `contact`) asks to escalate the ticket."""
    if actor is not None and actor.is_agent:
        raise PermissionDenied("Agents escalate directly; requests come from customers.")
    contact = contact or getattr(actor, "contact", None)
    if contact is None:
        raise PermissionDenied("Only a contact of the customer asks to escalate.")
    now = at or timezone.now()
    if ticket.organization_id is not None:  # the monthly limit: one request at a time
        Organization.objects.select_for_update().filter(pk=ticket.organization_id).first()
    _check(ticket, reason, now)
    request = EscalationRequest.objects.create(
        ticket=ticket,
        organization_id=ticket.organization_id,
        requested_by=contact,
        reason=reason.strip(),
        created_at=now,
    )
    record(
        ticket,
        actor,
        EventKind.ESCALATION_REQUESTED,
        field="escalation_request",
        new=RequestState.REQUESTED,
        note=f"{contact} asked to escalate: {request.reason}",
        at=now,
    )
    _acknowledge(request, now)
    return request


def _acknowledge(request: EscalationRequest, now: datetime) -> None:
    """At once: the customer gets a receipt, the management line the request."""
    request.state, request.acknowledged_at = RequestState.ACKNOWLEDGED, now
    request.save(update_fields=["state", "acknowledged_at"])
    ticket = request.ticket
    record(
        ticket,
        None,
        EventKind.ESCALATION_REQUESTED,
        field="escalation_request",
        old=RequestState.REQUESTED,
        new=RequestState.ACKNOWLEDGED,
        note="Acknowledged; a manager answers the request.",
        at=now,
    )
    mail_queue(
        to=[request.requested_by.email],
        template="escalations/mail/request_acknowledged",
        context={"request": request},
        ticket=ticket,
        optional=OptionalMail.ESCALATION_RECEIPTS,
    )
    line = [p.email for p in management_line(ticket)]
    mail_queue(
        to=line,
        template="escalations/mail/request_received",
        context={"request": request},
        ticket=ticket,
    )


def escalation_request_answer(
    request: EscalationRequest,
    actor: User,
    *,
    accept: bool,
    answer: str = "",
    at: datetime | None = None,
) -> EscalationRequest:
    """An agent or manager answers: accept (a hierarchical escalation follows) or decline
    with an answer. The customer is told by mail either way."""
    check_agent(actor, "Agents and managers answer escalation requests.")
    if not request.is_open:
        raise ValidationError({"decision": "This request was answered already."})
    answer = answer.strip()
    if not accept and not answer:
        raise ValidationError({"answer": "Tell the customer why it is not escalated."})
    if len(answer) > 1000:
        raise ValidationError({"answer": "Keep the answer under 1000 characters."})
    now = at or timezone.now()
    if accept:
        ticket_escalate(
            request.ticket,
            actor,
            kind=EscalationKind.HIERARCHICAL,
            reason=f"The customer asked: {request.reason}"[:500],
            note=answer,
            source=Source.CUSTOMER,
            request=request,
            at=now,
        )
    request.state = RequestState.ANSWERED
    request.decision = Decision.ACCEPTED if accept else Decision.DECLINED
    request.answer, request.answered_by, request.answered_at = answer, actor, now
    request.save(update_fields=["state", "decision", "answer", "answered_by", "answered_at"])
    record(
        request.ticket,
        actor,
        EventKind.ESCALATION_REQUESTED,
        field="escalation_request",
        old=RequestState.ACKNOWLEDGED,
        new=request.decision,
        note=f"Escalation {request.get_decision_display().lower()}"
        + (f": {answer}" if answer else ""),
        at=now,
    )
    mail_queue(
        to=[request.requested_by.email],
        template="escalations/mail/request_answered",
        context={"request": request},
        ticket=request.ticket,
    )
    return request

from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Channel, Priority, RequestType
from charterdesk.customers.models import Contact
from charterdesk.plans.coverage import CoverageDecision, decide_coverage
from charterdesk.routing.services import queue_for_request

from .. import deadlines
from ..classify import guess_request_type
from ..models import EventKind, Message, Ticket, TypeSource, Visibility
from .history import record
from .validation import check_body, check_choice, check_subject


def ticket_create(
    *,
    requester: Contact,
    subject: str,
    body: str,
    request_type: str | None = None,
    priority: str | None = None,
    channel: Channel = Channel.PORTAL,
    actor: User | None = None,
) -> Ticket:
    """Take a request in: classify, decide coverage, route, promise a first reply."""
    subject, body = _checked(subject, body)
    priority = check_choice("priority", priority or Priority.NORMAL, Priority)
    if request_type:
        request_type = check_choice("type", request_type, RequestType)
        source = TypeSource.AGENT if actor is not None and actor.is_agent else TypeSource.CUSTOMER
    else:
        request_type, source = guess_request_type(subject, body), TypeSource.AUTO
    now = timezone.now()
    coverage = decide_coverage(requester.organization, requester, request_type, now.date())
    due = deadlines.first_reply_due(
        coverage.contract, coverage.decision, request_type, priority, now
    )
    ticket = Ticket.objects.create(
        organization=requester.organization,
        requester=requester,
        subject=subject,
        request_type=request_type,
        type_source=source,
        priority=priority,
        channel=channel,
        queue=queue_for_request(request_type),
        first_reply_due_at=due,
        attention_at=deadlines.attention_at(due, priority, now),
        created_at=now,
        updated_at=now,
        **coverage_fields(coverage),
    )
    Message.objects.create(
        ticket=ticket,
        author=actor,
        author_contact=requester,
        from_staff=actor is not None and actor.is_agent,
        visibility=Visibility.PUBLIC,
        channel=channel,
        body=body,
        created_at=now,
    )
    record(ticket, actor, EventKind.CREATED, note=f"via {channel.label}")
    record(ticket, actor, EventKind.COVERAGE, new=coverage.decision, note=coverage.reason)
    return ticket


def coverage_fields(coverage: CoverageDecision) -> dict[str, object]:
    return {
        "contract": coverage.contract,
        "coverage": coverage.decision,
        "coverage_reason": coverage.reason[:500],
        "coverage_alternative": coverage.alternative,
    }


def _checked(subject: str, body: str) -> tuple[str, str]:
    """Both fields checked at once, so a form or API client sees every error together."""
    errors: dict[str, list[str]] = {}
    try:
        subject = check_subject(subject)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        body = check_body(body)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return subject, body

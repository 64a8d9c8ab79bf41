"""Taking a request in: check it, classify it, decide coverage, start the SLA clocks,
route and assign it, then write the ticket with its first message and history.

Callers (portal, API, mail, demo) own the transaction."""

from dataclasses import dataclass
from datetime import datetime
from typing import Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core import config_cache
from charterdesk.core.vocabulary import Channel, Priority, RequestType
from charterdesk.customers.models import Contact
from charterdesk.incidents.services import incidents_named, link_note, new_ticket_link
from charterdesk.incidents.services.linking import OpenIncident
from charterdesk.plans.coverage import CoverageDecision, decide_coverage
from charterdesk.plans.models import Metric
from charterdesk.products.models import Product, ProductVersion
from charterdesk.routing.assignment import Choice
from charterdesk.routing.intake import (
    assign_new,
    category_fields,
    route_new,
    routing_event_rows,
)
from charterdesk.routing.models import Queue
from charterdesk.routing.rules import Route
from charterdesk.search import vocabulary
from charterdesk.sla import deadlines
from charterdesk.sla.models import SlaClock, SlaEvent
from charterdesk.sla.services import opening_clocks, opening_hold, record_opening_clocks
from charterdesk.sla.terms import Terms, terms_of
from charterdesk.tickets.classify import guess_request_type
from charterdesk.tickets.models import (
    EventKind,
    Message,
    Ticket,
    TicketEvent,
    TypeSource,
    Visibility,
)
from charterdesk.tickets.services.changes import coverage_fields
from charterdesk.tickets.services.product import check_product_version
from charterdesk.tickets.services.validation import (
    check_body,
    check_choice,
    check_language,
    check_product,
    check_subject,
)

from .hooks import TicketCreated, ticket_created


@dataclass(frozen=True)
class Feed:
    """Where a door of the desk sends its new requests (a mailbox's settings): `queue`
    takes them whatever the routing rules say; `plan_id` is the plan the rules see for a
    sender whose organization has no active contract. Coverage and SLA clocks still come
    from a contract only: a mailbox cannot promise what nobody bought."""

    name: str  # "mailbox 'support'", for the ticket's history
    queue: Queue | None = None
    plan_id: int | None = None


@dataclass(frozen=True)
class Intake:
    """Everything decided about a new request before anything is written."""

    requester: Contact
    subject: str
    body: str
    request_type: str
    type_source: TypeSource
    priority: str
    channel: Channel
    actor: User | None
    coverage: CoverageDecision
    queue: Queue
    clocks: list[SlaClock]
    at: datetime
    route: Route | None = None  # which rule chose the queue (routing.rules)
    product: str = ""
    language: str = ""
    product_ref: Product | None = None  # the catalogue entry of `product`, if any
    product_version: ProductVersion | None = None
    terms: Terms | None = None  # the SLA terms `clocks` were started under


class Request(TypedDict, total=False):
    """A new request as every channel gives it (`requester`, `subject` and `body` always)."""

    requester: Required[Contact]
    subject: Required[str]
    body: Required[str]
    request_type: str | None  # None: guessed from the text
    priority: str | None  # None: normal
    channel: Channel  # default: the portal
    actor: User | None  # who typed it in: the contact, an agent for them, or None (mail)
    at: datetime | None  # when it arrived (default now; imports pass the original time)
    product: str
    version: str  # one of the catalogue product's versions, e.g. "4.1"
    language: str


def ticket_create(**request: Unpack[Request]) -> Ticket:
    """Take a request in: classify, decide coverage, route, start the SLA clocks."""
    with config_cache.unit():  # the configuration generation read once
        return intake_record(intake_prepare(**request))


def intake_prepare(
    *,
    requester: Contact,
    subject: str,
    body: str,
    request_type: str | None = None,
    priority: str | None = None,
    channel: Channel = Channel.PORTAL,
    actor: User | None = None,
    at: datetime | None = None,
    product: str = "",
    version: str = "",
    language: str = "",
    feed: Feed | None = None,
) -> Intake:
    """Check the request and make every decision, reading only. Callers that write under
    contention (the API) call this before their transaction, so it stays short. `feed`:
    the door's own queue and plan (a mailbox's). Plans, contracts, calendars and routing
    rules come from the per-process configuration cache (core.config_cache)."""
    subject, body = _checked(subject, body)
    product, language = check_product(product), check_language(language)
    product_ref, product_version = check_product_version(product, version)
    priority = check_choice("priority", priority or Priority.NORMAL, Priority)
    if request_type:
        request_type = check_choice("type", request_type, RequestType)
        source = TypeSource.AGENT if actor is not None and actor.is_agent else TypeSource.CUSTOMER
    else:
        request_type, source = guess_request_type(subject, body), TypeSource.AUTO
    now = at or timezone.now()
    with config_cache.unit():
        coverage = decide_coverage(requester.organization, requester, request_type, now.date())
        terms = terms_of(
            coverage.contract, coverage.decision, request_type, priority, coverage.schedule
        )
        plan_id = coverage.contract.plan_id if coverage.contract else None
        if plan_id is None and feed is not None:
            plan_id = feed.plan_id
        fixed = (feed.queue, feed.name) if feed is not None and feed.queue is not None else None
        route = route_new(
            requester.organization,
            request_type,
            channel,
            plan_id,
            product=product,
            language=language,
            fixed=fixed,
        )
    return Intake(
        requester=requester,
        subject=subject,
        body=body,
        request_type=request_type,
        type_source=source,
        priority=priority,
        channel=channel,
        actor=actor,
        coverage=coverage,
        queue=route.queue,
        clocks=opening_clocks(terms, now),
        at=now,
        route=route,
        product=product,
        language=language,
        product_ref=product_ref,
        product_version=product_version,
        terms=terms,
    )


def intake_record(intake: Intake) -> Ticket:
    """Write the ticket, its first message and its first history lines."""
    return intake_record_with_message(intake)[0]


def intake_record_with_message(intake: Intake) -> tuple[Ticket, Message]:
    """`intake_record`, also returning the first message (mail links it to the stored
    mail without reading it back)."""
    assignment = assign_new(intake.route, intake.at) if intake.route else None
    with vocabulary.remembered_once(), config_cache.unit():
        ticket, message = _write(intake, assignment)
    ticket_created.announce(TicketCreated(ticket, message))
    return ticket, message


def _write(intake: Intake, assignment: Choice | None) -> tuple[Ticket, Message]:
    """The ticket, its first message, its history lines and clocks (one statement each),
    and its links to open incidents it names (none in the common case; a link costs two
    statements: the links and the incidents' timeline lines). Linked to an incident the
    customers were told about, the first-reply clock is written paused (the incident
    rule) and the ticket with the deadlines that follow, so nothing is written twice."""
    now, actor = intake.at, intake.actor
    incidents = incidents_named(
        intake.requester.organization_id, f"{intake.subject}\n{intake.body}", intake.product
    )
    clock_events = _held(intake, incidents)
    first_reply = [c.due_at for c in intake.clocks if c.metric == Metric.FIRST_REPLY]
    ticket = Ticket.objects.create(
        organization=intake.requester.organization,
        requester=intake.requester,
        subject=intake.subject,
        request_type=intake.request_type,
        type_source=intake.type_source,
        priority=intake.priority,
        channel=intake.channel,
        product=intake.product,
        product_ref=intake.product_ref,
        product_version=intake.product_version,
        language=intake.language,
        queue=intake.queue,
        assignee=assignment.assignee if assignment else None,
        first_reply_due_at=first_reply[0] if first_reply else None,
        attention_at=deadlines.attention_at(
            deadlines.earliest_due(intake.clocks), intake.priority, now
        ),
        created_at=now,
        updated_at=now,
        **coverage_fields(intake.coverage),
        **category_fields(intake.route),
    )
    message = Message.objects.create(
        ticket=ticket,
        author=actor,
        author_contact=intake.requester,
        from_staff=actor is not None and actor.is_agent,
        visibility=Visibility.PUBLIC,
        channel=intake.channel,
        body=intake.body,
        created_at=now,
    )
    links = new_ticket_link(ticket, incidents, now)
    # Its first history lines (created, coverage, routing, incidents) in one statement.
    TicketEvent.objects.bulk_create(_opening_events(ticket, intake, assignment) + links)
    record_opening_clocks(ticket, intake.clocks, now, clock_events)
    return ticket, message


def _held(intake: Intake, incidents: list[OpenIncident]) -> list[SlaEvent] | None:
    """The incident rule: the first incident (in the incidents' order) whose customers
    were told holds the first-reply clock, as linking one by one did."""
    alerted = next((incident for incident in incidents if incident.alerted), None)
    if alerted is None:
        return None
    return opening_hold(intake.clocks, intake.terms, intake.at, reason=link_note(alerted))


def _opening_events(ticket: Ticket, intake: Intake, assignment: Choice | None) -> list[TicketEvent]:
    now, actor, coverage = intake.at, intake.actor, intake.coverage
    events = [
        TicketEvent(
            ticket=ticket,
            actor=actor,
            kind=EventKind.CREATED,
            note=f"via {intake.channel.label}",
            created_at=now,
        ),
        TicketEvent(
            ticket=ticket,
            actor=actor,
            kind=EventKind.COVERAGE,
            new_value=coverage.decision,
            note=coverage.reason[:500],
            created_at=now,
        ),
    ]
    if intake.route and assignment:
        events += routing_event_rows(ticket, intake.route, assignment, now)
    return events


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

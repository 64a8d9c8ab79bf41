"""SLA clocks follow the ticket: opened, replied to, waiting, solved, reopened, changed.

Called by the ticket services inside the caller's transaction. Every transition is an
SlaEvent; the ticket's `attention_at` follows its nearest deadline.
"""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.plans.models import IncidentRule, Metric
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from . import clocks, store
from .models import RUNNING_STATES, ClockState, SlaClock, SlaEvent, SlaEventKind
from .terms import Terms

RUNNING = RUNNING_STATES
# Metrics that count only while the ticket is not waiting on someone else.
PAUSABLE = (Metric.RESOLUTION, Metric.PERIODIC_UPDATE)


def opening_clocks(terms: Terms | None, at: datetime) -> list[SlaClock]:
    """First reply and resolution clocks of a new ticket, not yet saved (no ticket yet)."""
    if terms is None:
        return []
    started = []
    for metric in (Metric.FIRST_REPLY, Metric.RESOLUTION):
        if metric in terms.minutes:
            clock = SlaClock(metric=metric, target_minutes=terms.minutes[metric])
            clocks.start(clock, terms.calendar, terms.plan, at)
            started.append(clock)
    return started


def opening_hold(
    started: list[SlaClock], terms: Terms | None, at: datetime, *, reason: str
) -> list[SlaEvent] | None:
    """The incident rule on a new ticket linked at intake to an incident the customers
    were told about: its first-reply clock pauses the moment it starts, before anything
    is written (as `sla_first_reply_hold` would pause it once written). Returns the
    clocks' events, activated then paused, for `record_opening_clocks`; None when the
    plan keeps the clocks running (nothing held)."""
    if terms is None or terms.plan.incident_rule == IncidentRule.KEEP_RUNNING:
        return None
    targets = [
        c for c in started if c.metric == Metric.FIRST_REPLY and c.state == ClockState.ACTIVE
    ]
    if not targets:
        return None
    events = _events(started, SlaEventKind.ACTIVATED, at)
    for clock in targets:
        clocks.pause(clock, terms.calendar, at)
    return events + _events(targets, SlaEventKind.PAUSED, at, reason)


def record_opening_clocks(
    ticket: Ticket, started: list[SlaClock], at: datetime, events: list[SlaEvent] | None = None
) -> None:
    """A new ticket's clocks and their events (`events`: those of `opening_hold`; by
    default, each clock's activation): one statement on PostgreSQL (sla.opening), else
    one INSERT each."""
    for clock in started:
        clock.ticket = ticket
    if events is None:
        events = _events(started, SlaEventKind.ACTIVATED, at)
    for line in events:
        line.ticket_id = ticket.pk
    store.add_logged(started, events)


def sla_public_reply(ticket: Ticket, by_agent: bool, at: datetime) -> bool:
    """Clocks after a public reply. Returns whether a clock changed (started, fulfilled or
    paused), so the caller knows whether the ticket's deadlines need recomputing."""
    if not by_agent and ticket.first_replied_at is None:
        return False  # the customer writes again before the first answer: nothing changes
    terms = store.ticket_terms(ticket)
    if terms is None:
        return False
    running = _running(ticket)
    if by_agent:
        replied = [
            c
            for c in running
            if c.metric in (Metric.FIRST_REPLY, Metric.NEXT_REPLY, Metric.PERIODIC_UPDATE)
        ]
        _apply(replied, SlaEventKind.FULFILLED, at, lambda c: clocks.fulfil(c, terms.calendar, at))
        if ticket.is_open and Metric.PERIODIC_UPDATE in terms.minutes:
            update = _start(ticket, terms, Metric.PERIODIC_UPDATE, at)
            if _waiting(ticket.status, terms):  # replied while waiting on the customer
                _apply(
                    [update], SlaEventKind.PAUSED, at, lambda c: clocks.pause(c, terms.calendar, at)
                )
            return True
        return bool(replied)
    if Metric.NEXT_REPLY in terms.minutes and not any(
        c.metric == Metric.NEXT_REPLY for c in running
    ):
        _start(ticket, terms, Metric.NEXT_REPLY, at)
        return True
    return False


def sla_status_changed(ticket: Ticket, old: str, at: datetime) -> None:
    terms = store.ticket_terms(ticket)
    if terms is None:
        return
    new = ticket.status
    running = _running(ticket)
    if new in ("solved", "closed"):
        _apply(running, SlaEventKind.FULFILLED, at, lambda c: clocks.fulfil(c, terms.calendar, at))
    elif _waiting(new, terms):
        active = [c for c in running if c.metric in PAUSABLE and c.state == ClockState.ACTIVE]
        _apply(active, SlaEventKind.PAUSED, at, lambda c: clocks.pause(c, terms.calendar, at))
    else:
        paused = [c for c in running if c.state == ClockState.PAUSED]
        _apply(
            paused,
            SlaEventKind.RESUMED,
            at,
            lambda c: clocks.resume(c, terms.calendar, terms.plan, at),
        )
        if old in ("solved", "closed"):
            _reopen(ticket, terms, at)


def sla_recompute(ticket: Ticket, at: datetime, reason: str) -> None:
    """Type, priority or plan changed: new targets, counted from each clock's start."""
    terms = store.ticket_terms(ticket)
    running = _running(ticket)
    if terms is None:  # no longer covered: the promises are withdrawn, on the record
        _apply(running, SlaEventKind.CANCELLED, at, clocks.withdraw, reason)
        return
    changed = [c for c in running if c.metric in terms.minutes]
    for clock in changed:
        clock.target_minutes = terms.minutes[clock.metric]
        if clock.state == ClockState.ACTIVE:
            clocks.schedule(clock, terms.calendar, terms.plan)
    _save(changed)
    _log(changed, SlaEventKind.RECOMPUTED, at, reason)
    if not running and ticket.is_open:
        record_opening_clocks(ticket, opening_clocks(terms, ticket.created_at), at)


def nearest_deadline(ticket: Ticket) -> datetime | None:
    return store.nearest_deadline(ticket)


def _waiting(status: str, terms: Terms) -> bool:
    return status == "pending" or (status == "on_hold" and terms.plan.sla_pause_on_hold)


def _reopen(ticket: Ticket, terms: Terms, at: datetime) -> None:
    resolution = store.latest_resolution(ticket)
    if resolution is not None and resolution.state == ClockState.FULFILLED:
        _apply(
            [resolution],
            SlaEventKind.RESUMED,
            at,
            lambda c: clocks.resume(c, terms.calendar, terms.plan, at),
            "reopened",
        )


def _start(ticket: Ticket, terms: Terms, metric: str, at: datetime) -> SlaClock:
    clock = SlaClock(ticket=ticket, metric=metric, target_minutes=terms.minutes[metric])
    clocks.start(clock, terms.calendar, terms.plan, at)
    store.add([clock])
    _log([clock], SlaEventKind.ACTIVATED, at)
    return clock


def sla_first_reply_hold(ticket: Ticket, at: datetime, *, hold: bool, reason: str) -> bool:
    """The incident rule (docs/incidents.md): a ticket linked to an incident the customers
    were already told about waits for the incident, so its first-reply clock pauses
    (`hold`); unlinked, it runs again. Returns whether a clock changed; the caller
    refreshes the ticket's deadlines. A plan that keeps the clocks running
    (`Plan.incident_rule`) holds nothing."""
    terms = store.ticket_terms(ticket)
    if terms is None or (hold and terms.plan.incident_rule == IncidentRule.KEEP_RUNNING):
        return False
    state = ClockState.ACTIVE if hold else ClockState.PAUSED
    targets = [c for c in _running(ticket) if c.metric == Metric.FIRST_REPLY and c.state == state]
    if hold:
        _apply(
            targets, SlaEventKind.PAUSED, at, lambda c: clocks.pause(c, terms.calendar, at), reason
        )
    else:
        _apply(
            targets,
            SlaEventKind.RESUMED,
            at,
            lambda c: clocks.resume(c, terms.calendar, terms.plan, at),
            reason,
        )
    return bool(targets)


def _running(ticket: Ticket) -> list[SlaClock]:
    return store.running(ticket)


def _apply(
    targets: Iterable[SlaClock],
    kind: SlaEventKind,
    at: datetime,
    change: Callable[[SlaClock], None],
    note: str = "",
) -> None:
    targets = list(targets)
    for clock in targets:
        change(clock)
    _save(targets)
    _log(targets, kind, at, note)


def _save(targets: list[SlaClock]) -> None:
    store.save(targets)


def _log(
    targets: list[SlaClock], kind: SlaEventKind, at: datetime, note: str = "", reason: str = ""
) -> None:
    store.log(_events(targets, kind, at, note, reason))


def _events(
    targets: list[SlaClock], kind: SlaEventKind, at: datetime, note: str = "", reason: str = ""
) -> list[SlaEvent]:
    return [
        SlaEvent(
            clock=c,
            ticket_id=c.ticket_id,
            kind=kind,
            at=at,
            due_at=c.due_at,
            business_seconds_used=c.used_before,
            note=note[:300],
            reason=reason[:300],
        )
        for c in targets
    ]


# How far ahead a deadline may be set by hand: a year, past which it is a typo, not a promise.
OVERRIDE_HORIZON = timedelta(days=365)


def _check_override(clock: SlaClock, due_at: datetime, now: datetime) -> None:
    """A deadline set by hand lies between the clock's start and a year from now."""
    if due_at < clock.started_at:
        started = timezone.localtime(clock.started_at).strftime("%-d %b %Y, %H:%M %Z")
        raise ValidationError(
            {"due_at": f"A deadline cannot come before its clock started ({started})."}
        )
    if due_at > now + OVERRIDE_HORIZON:
        raise ValidationError({"due_at": "Set a deadline at most a year ahead."})


def sla_override(clock: SlaClock, due_at: datetime, reason: str, actor: User) -> SlaClock:
    """Set a deadline by hand. Needs a reason; recorded as an SLA event and in the ticket's
    history. The reason is internal: customers see that the deadline moved, agents also why
    (the SLA event's `reason`, an internal history line)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the deadline changes."})
    if clock.state not in RUNNING_STATES:
        raise ValidationError({"due_at": "This deadline is no longer running."})
    _check_override(clock, due_at, timezone.now())
    old = clock.due_at
    clock.due_at = due_at
    clock.warn_at = min(clock.warn_at or due_at, due_at)
    clock.overridden = True
    clock.save(update_fields=["due_at", "warn_at", "overridden"])
    _log([clock], SlaEventKind.RECOMPUTED, timezone.now(), "set by hand", reason=reason)
    field = f"{clock.metric} deadline"
    old_text = old.isoformat() if old else ""
    record(
        clock.ticket, actor, EventKind.CHANGED, field=field, old=old_text, new=due_at.isoformat()
    )
    record(clock.ticket, actor, EventKind.CHANGED, field=field, note=reason, internal=True)
    return clock

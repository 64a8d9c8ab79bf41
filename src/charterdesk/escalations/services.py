"""Writes of escalation. Callers own the transaction; mail leaves on commit.

`ticket_escalate` is the one mechanism: agents, answered customer requests and SLA
warnings and breaches all go through it. A functional escalation moves the ticket to a
queue of the next tier (its history and SLA clocks stay as they are); from a swarm queue
it adds collaborators of the next tier instead. A hierarchical escalation gives the
ticket an escalation owner up the management line, told by mail at once."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import User
from charterdesk.mail.outbox import mail_queue
from charterdesk.routing.models import Queue, Tier, WorkMode
from charterdesk.routing.services import ticket_assign
from charterdesk.sla.actions import SlaAlert
from charterdesk.sla.models import SlaEventKind
from charterdesk.swarms.services import collaborator_add
from charterdesk.tickets.models import EventKind, Ticket, Visibility
from charterdesk.tickets.services import message_add, ticket_update
from charterdesk.tickets.services.history import record

from .lines import next_owner, queue_before, queue_for_tier
from .models import Escalation, EscalationKind, EscalationRequest, Source

SWARM_JOINERS = 3  # agents of the next tier who join a swarm on a functional escalation


@dataclass(frozen=True)
class Why:
    """What every escalation carries: why, the hand-off note, who asked for it, when."""

    reason: str
    note: str
    source: str
    at: datetime


def _check(ticket: Ticket, actor: User | None, reason: str, note: str, needs_note: bool) -> None:
    if actor is not None:  # None: an SLA breach escalates
        check_agent(actor, "Only agents escalate; customers ask to escalate.")
    errors: dict[str, str] = {}
    if not ticket.is_open:
        errors["ticket"] = "Only open tickets are escalated; reopen it first."
    if not reason.strip():
        errors["reason"] = "Say why (the next tier and the history keep it)."
    elif len(reason) > 500:
        errors["reason"] = "Keep the reason under 500 characters."
    if needs_note and not note.strip():
        errors["note"] = "Write a hand-off note: what was tried, what is known, what is next."
    if errors:
        raise ValidationError(errors)


def ticket_escalate(
    ticket: Ticket,
    actor: User | None,
    *,
    kind: str,
    reason: str,
    note: str = "",
    source: str = Source.AGENT,
    to_queue: Queue | None = None,
    request: EscalationRequest | None = None,
    at: datetime | None = None,
) -> Escalation:
    """Escalate a ticket functionally (up a tier) or hierarchically (up the management
    line). `actor` None is CharterDesk itself (SLA actions)."""
    functional = kind == EscalationKind.FUNCTIONAL
    if kind not in (EscalationKind.FUNCTIONAL, EscalationKind.HIERARCHICAL):
        raise ValidationError({"kind": "Use 'functional' or 'hierarchical'."})
    _check(ticket, actor, reason, note, needs_note=functional and actor is not None)
    now = at or timezone.now()
    why = Why(reason.strip(), note.strip(), source, now)
    if functional:
        return _up_a_tier(ticket, actor, to_queue, request, why)
    return _up_the_line(ticket, actor, request, why)


def ticket_de_escalate(
    ticket: Ticket,
    actor: User | None,
    *,
    reason: str,
    note: str = "",
    to_queue: Queue | None = None,
    at: datetime | None = None,
) -> Escalation:
    """Pass a ticket back down a tier, with a reason and a hand-off note. Never from a
    swarm queue: there, collaborators are added instead."""
    _check(ticket, actor, reason, note, needs_note=actor is not None)
    queue = ticket.queue
    if queue.work_mode == WorkMode.SWARM:
        raise ValidationError(
            {
                "queue": f"{queue} works as a swarm: its tickets are never passed down a tier. "
                "Ask for help with the skills you need, or add collaborators."
            }
        )
    if queue.tier <= Tier.ONE:
        raise ValidationError({"queue": "The ticket is at tier 1 already."})
    target = to_queue or queue_before(ticket, queue.tier - 1)
    _check_target(target, queue.tier - 1)
    assert target is not None  # noqa: S101 - checked above
    why = Why(reason.strip(), note.strip(), Source.AGENT, at or timezone.now())
    return _move(ticket, actor, target, EscalationKind.DE_ESCALATION, None, why)


def escalate_for_sla(alert: SlaAlert) -> list[Escalation]:
    """The SLA action "escalate to the next tier" (registered in apps.py): the same
    mechanism, done by CharterDesk, for each open ticket of the alert. A ticket that cannot
    go further (top tier, no queue) is skipped."""
    reason = f"SLA {SlaEventKind(alert.kind).label.lower()}"
    done = []
    for ticket in Ticket.objects.filter(pk__in=alert.ticket_ids).select_related("queue"):
        if not ticket.is_open:
            continue
        try:
            done.append(
                ticket_escalate(
                    ticket,
                    None,
                    kind=EscalationKind.FUNCTIONAL,
                    reason=reason,
                    source=Source.SLA,
                    at=alert.at,
                )
            )
        except ValidationError:
            continue
    return done


def _check_target(target: Queue | None, tier: int) -> None:
    if target is None:
        raise ValidationError({"queue": f"No queue of tier {tier} exists; a manager adds one."})
    if target.tier != tier:
        raise ValidationError({"queue": f"{target} is not a tier {tier} queue."})


def _up_a_tier(
    ticket: Ticket,
    actor: User | None,
    to_queue: Queue | None,
    request: EscalationRequest | None,
    why: Why,
) -> Escalation:
    tier = ticket.queue.tier + 1
    if tier > Tier.THREE:
        raise ValidationError(
            {"kind": "The ticket is at tier 3 (engineering), the top; escalate hierarchically."}
        )
    target = to_queue or queue_for_tier(ticket, tier)
    _check_target(target, tier)
    assert target is not None  # noqa: S101 - checked above
    if ticket.queue.work_mode == WorkMode.SWARM:
        return _swarm_up(ticket, actor, target, request, why)
    return _move(ticket, actor, target, EscalationKind.FUNCTIONAL, request, why)


def _move(
    ticket: Ticket,
    actor: User | None,
    target: Queue,
    kind: EscalationKind,
    request: EscalationRequest | None,
    why: Why,
) -> Escalation:
    """Hand the ticket to another queue: the queue's assignment picks the next owner."""
    now = why.at
    source_queue, before = ticket.queue, ticket.assignee
    ticket_update(ticket, actor, at=now, queue=target, assignee=None)
    ticket_assign(ticket, actor, now)
    escalation = _escalation(
        ticket,
        actor,
        request,
        why,
        kind=kind,
        from_queue=source_queue,
        to_queue=target,
        from_tier=source_queue.tier,
        to_tier=target.tier,
        from_owner=before,
        to_owner=ticket.assignee,
        handed_off=True,
    )
    up = kind == EscalationKind.FUNCTIONAL
    record(
        ticket,
        actor,
        EventKind.ESCALATED if up else EventKind.DE_ESCALATED,
        field="tier",
        old=source_queue.get_tier_display(),
        new=f"{target.get_tier_display()} ({target})",
        note=f"{'Escalated' if up else 'Passed down'} by {_who(actor, why.source)}: {why.reason}",
        internal=True,
        at=now,
    )
    _hand_off_note(escalation)
    _tell_next_owner(escalation, target)
    return escalation


def _swarm_up(
    ticket: Ticket,
    actor: User | None,
    target: Queue,
    request: EscalationRequest | None,
    why: Why,
) -> Escalation:
    """In a swarm queue the ticket stays; agents of the next tier join it."""
    tier = target.tier
    busy = {ticket.assignee_id, *ticket.collaborators.values_list("agent_id", flat=True)}
    joiners = list(
        target.team.members.filter(is_active=True, tier__gte=tier)
        .exclude(pk__in=[pk for pk in busy if pk is not None])
        .order_by("tier", "email")[:SWARM_JOINERS]
    )
    if not joiners:
        raise ValidationError(
            {
                "kind": f"No tier {tier} agent of {target.team} is free to join this swarm; "
                "ask for help with the skills you need."
            }
        )
    now = why.at
    for agent in joiners:
        collaborator_add(ticket, actor, agent, note=f"swarm escalation: {why.reason}", at=now)
    escalation = _escalation(
        ticket,
        actor,
        request,
        why,
        kind=EscalationKind.FUNCTIONAL,
        from_queue=ticket.queue,
        to_queue=ticket.queue,
        from_tier=ticket.queue.tier,
        to_tier=tier,
        from_owner=ticket.assignee,
        to_owner=ticket.assignee,
        handed_off=False,
    )
    record(
        ticket,
        actor,
        EventKind.ESCALATED,
        field="swarm",
        new=", ".join(str(a) for a in joiners),
        note=f"Tier {tier} joined the swarm ({_who(actor, why.source)}): {why.reason}",
        internal=True,
        at=now,
    )
    _hand_off_note(escalation)
    return escalation


def _up_the_line(
    ticket: Ticket,
    actor: User | None,
    request: EscalationRequest | None,
    why: Why,
) -> Escalation:
    # an agent escalates above themselves; accepting a customer's request (or the SLA)
    # escalates above the current owner only
    current, owner, why_not = next_owner(ticket, actor if why.source == Source.AGENT else None)
    if owner is None:
        raise ValidationError({"kind": why_not})
    now = why.at
    escalation = _escalation(
        ticket,
        actor,
        request,
        why,
        kind=EscalationKind.HIERARCHICAL,
        from_queue=ticket.queue,
        to_queue=ticket.queue,
        from_tier=ticket.queue.tier,
        to_tier=ticket.queue.tier,
        from_owner=current,
        to_owner=owner,
    )
    record(
        ticket,
        actor,
        EventKind.ESCALATED,
        field="escalation_owner",
        old=current or "",
        new=owner,
        note=f"Escalated to {owner} by {_who(actor, why.source)}: {why.reason}",
        internal=True,
        at=now,
    )
    if escalation.note:
        _hand_off_note(escalation)
    mail_queue(
        to=[owner.email],
        template="escalations/mail/owner",
        context={"escalation": escalation, "owner": owner},
        ticket=ticket,
    )
    return escalation


def _escalation(
    ticket: Ticket,
    actor: User | None,
    request: EscalationRequest | None,
    why: Why,
    **moves: Any,
) -> Escalation:
    """The escalation record: what every kind carries (why, who, when) and what moved."""
    return Escalation.objects.create(
        ticket=ticket,
        source=why.source,
        reason=why.reason,
        note=why.note,
        actor=actor,
        request=request,
        created_at=why.at,
        **moves,
    )


def _who(actor: User | None, source: str) -> str:
    if source == Source.SLA:
        return "the SLA rules"
    if source == Source.CUSTOMER:
        return f"{actor or 'CharterDesk'} on the customer's request"
    return str(actor or "CharterDesk")


def _hand_off_note(escalation: Escalation) -> None:
    """The reason and note as an internal note on the ticket, where the next agent reads."""
    if escalation.actor is None:
        return  # CharterDesk's own escalations are explained in the history
    head = {
        EscalationKind.FUNCTIONAL: f"Escalated to tier {escalation.to_tier}",
        EscalationKind.DE_ESCALATION: f"Passed down to tier {escalation.to_tier}",
        EscalationKind.HIERARCHICAL: f"Escalated to {escalation.to_owner}",
    }[EscalationKind(escalation.kind)]
    body = f"{head}. Reason: {escalation.reason}"
    if escalation.note:
        body += f"\n\nHand-off note: {escalation.note}"
    message_add(
        escalation.ticket, escalation.actor, body, Visibility.INTERNAL, at=escalation.created_at
    )


def _tell_next_owner(escalation: Escalation, target: Queue) -> None:
    """The new assignee, or else the lead of the queue's team, hears of the hand-off."""
    person = escalation.to_owner or target.team.lead
    if person is None:
        return
    mail_queue(
        to=[person.email],
        template="escalations/mail/handed_off",
        context={"escalation": escalation, "person": person, "queue": target},
        ticket=escalation.ticket,
    )

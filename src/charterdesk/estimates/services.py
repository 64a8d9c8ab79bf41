"""Writes on estimates. Callers own the transaction; mail leaves through the outbox on commit.

An estimate quotes billable work (hours × rate, a scope) on a request the plan does not
include (coverage `billable`), or on metered work past a bank that needs approval. The
customer's contacts approve or decline it in the portal or by a signed mail link; a
declined request closes with the alternatives offered. Everything is in the history."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Alternative, Decision, hours_text
from charterdesk.customers.models import Contact, OptionalMail
from charterdesk.hours.selectors import bank_of
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.guards import check_not_closed
from charterdesk.tickets.models import EventKind, Status, Ticket
from charterdesk.tickets.services import message_add, ticket_update
from charterdesk.tickets.services.history import record

from .models import DEFAULT_CURRENCY, Estimate, EstimateState

SALT = "charterdesk.estimates.decision"
MAX_HOURS = Decimal(1000)
MAX_SCOPE = 5000
APPROVE, DECLINE = "approve", "decline"


def quotable(ticket: Ticket) -> bool:
    """Whether the ticket's work needs an approved estimate."""
    if ticket.coverage == Decision.BILLABLE:
        return True
    if ticket.coverage == Decision.METERED and ticket.contract is not None:
        return bank_of(ticket.contract).needs_approval
    return False


def _check(hours: Decimal, rate: Decimal, scope: str) -> None:
    errors: dict[str, str] = {}
    if not Decimal("0.25") <= hours <= MAX_HOURS:
        errors["hours"] = f"Estimate from 0.25 to {MAX_HOURS} hours."
    elif hours != hours.quantize(Decimal("0.01")):
        errors["hours"] = "Use at most two decimals (e.g. 2.5)."
    if rate < 0 or rate != rate.quantize(Decimal("0.01")) or rate >= Decimal(10**6):
        errors["rate"] = "Give an hourly rate of 0 or more, with at most two decimals."
    if not scope.strip():
        errors["scope"] = "Describe the work the estimate covers."
    elif len(scope) > MAX_SCOPE:
        errors["scope"] = f"Keep the scope under {MAX_SCOPE} characters."
    if errors:
        raise ValidationError(errors)


def estimate_send(
    ticket: Ticket,
    agent: User,
    *,
    hours: Decimal,
    scope: str,
    rate: Decimal | None = None,
    at: datetime | None = None,
) -> Estimate:
    """Quote the work to the customer; an estimate still awaiting a decision is replaced."""
    check_agent(agent, "Only agents send estimates.")
    check_not_closed(ticket, "scope")
    if not quotable(ticket):
        raise ValidationError(
            {
                "scope": "This request does not need an estimate: its coverage is "
                f"{ticket.get_coverage_display().lower()}."
            }
        )
    plan = ticket.contract.plan if ticket.contract else None
    if rate is None:
        rate = plan.consulting_rate if plan else Decimal(0)
    _check(hours, rate, scope)
    cent = Decimal("0.01")
    hours, rate = hours.quantize(cent), rate.quantize(cent)
    now = at or timezone.now()
    for old in ticket.estimates.filter(state=EstimateState.SENT).select_for_update():
        _withdraw(old, agent, "Replaced by a new estimate.", now)
    estimate = Estimate.objects.create(
        ticket=ticket,
        hours=hours,
        rate=rate,
        currency=plan.currency if plan else DEFAULT_CURRENCY,
        scope=scope.strip(),
        state=EstimateState.SENT,
        author=agent,
        created_at=now,
    )
    record(
        ticket,
        agent,
        EventKind.ESTIMATE,
        field="estimate",
        new=EstimateState.SENT,
        note=f"Estimate sent: {summary(estimate)}",
        at=now,
    )
    requester = ticket.requester
    if requester.bouncing_since is None:
        mail_queue(
            to=requester.email,
            template="estimates/mail/sent",
            context={"estimate": estimate, **decision_links(estimate, requester)},
            ticket=ticket,
            optional=OptionalMail.ESTIMATES,
        )
    return estimate


def summary(estimate: Estimate) -> str:
    return (
        f"{hours_text(estimate.hours)} h × {estimate.rate_text} = {estimate.total_text} "
        f"— {estimate.scope[:200]}"
    )


def _withdraw(estimate: Estimate, agent: User, note: str, now: datetime) -> None:
    estimate.state = EstimateState.WITHDRAWN
    estimate.decided_at = now
    estimate.decision_note = note[:500]
    estimate.save(update_fields=["state", "decided_at", "decision_note"])
    record(
        estimate.ticket,
        agent,
        EventKind.ESTIMATE,
        field="estimate",
        old=EstimateState.SENT,
        new=EstimateState.WITHDRAWN,
        note=f"Estimate withdrawn{f': {note}' if note else ''}",
        at=now,
    )


def estimate_withdraw(
    estimate: Estimate, agent: User, note: str = "", at: datetime | None = None
) -> Estimate:
    """Take back an estimate the customer has not decided on."""
    check_agent(agent, "Only agents withdraw estimates.")
    _check_awaiting(estimate)
    _withdraw(estimate, agent, note, at or timezone.now())
    return estimate


def _check_awaiting(estimate: Estimate) -> None:
    if estimate.state != EstimateState.SENT:
        raise ValidationError(
            {"state": f"This estimate is already {estimate.get_state_display().lower()}."}
        )


def may_decide(contact: Contact | None, ticket: Ticket) -> bool:
    """Contacts of the requester's organization decide (the requester, without one)."""
    if contact is None:
        return False
    if ticket.organization_id is None:
        return contact.pk == ticket.requester_id
    return contact.organization_id == ticket.organization_id


def estimate_decide(
    estimate: Estimate,
    contact: Contact | None,
    choice: str,
    note: str = "",
    at: datetime | None = None,
) -> Estimate:
    """Approve or decline an estimate as a contact of the customer."""
    ticket = estimate.ticket
    if not may_decide(contact, ticket):
        raise PermissionDenied("Only contacts of the customer decide on an estimate.")
    assert contact is not None  # noqa: S101 - checked by may_decide
    if choice not in (APPROVE, DECLINE):
        raise ValidationError({"choice": "Approve or decline."})
    if len(note) > 500:
        raise ValidationError({"note": "Keep the note under 500 characters."})
    _check_awaiting(estimate)
    now = at or timezone.now()
    estimate.state = EstimateState.APPROVED if choice == APPROVE else EstimateState.DECLINED
    estimate.decided_by, estimate.decided_at = contact, now
    estimate.decision_note = note.strip()
    estimate.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    record(
        ticket,
        contact.user,
        EventKind.ESTIMATE,
        field="estimate",
        old=EstimateState.SENT,
        new=estimate.state,
        note=f"{estimate.get_state_display()} by {contact.email}{f': {note}' if note else ''}",
        at=now,
    )
    if choice == APPROVE:
        mail_queue(
            to=_agents_to_tell(estimate),
            template="estimates/mail/approved",
            context={"estimate": estimate},
            ticket=ticket,
        )
    else:
        _close_declined(estimate, now)
    return estimate


def _agents_to_tell(estimate: Estimate) -> list[str]:
    assignee = estimate.ticket.assignee
    return list(dict.fromkeys([estimate.author.email] + ([assignee.email] if assignee else [])))


def alternatives(ticket: Ticket) -> list[tuple[str, str]]:
    """What we offer instead of the work, the plan's own alternative first."""
    links: dict[str, str] = settings.SUPPORT_ALTERNATIVE_LINKS
    order = [Alternative.KNOWLEDGE_BASE, Alternative.COMMUNITY, Alternative.PARTNER]
    if ticket.coverage_alternative in order:
        order.remove(Alternative(ticket.coverage_alternative))
        order.insert(0, Alternative(ticket.coverage_alternative))
    return [(a.label, _absolute(links.get(a, ""))) for a in order]


def _absolute(link: str) -> str:
    if not link or link.startswith("http"):
        return link
    return settings.SITE_URL + link


def _close_declined(estimate: Estimate, now: datetime) -> None:
    ticket = estimate.ticket
    if ticket.status == Status.CLOSED:
        return  # closed meanwhile: nothing more to say on it
    offers = "\n".join(
        f"- {label}: {link}" if link else f"- {label}" for label, link in alternatives(ticket)
    )
    body = (
        "You declined our estimate, so we close this request without further work. "
        f"Other ways to reach your goal:\n{offers}\n\n"
        "If you change your mind, open a new request and we will send a new estimate."
    )
    message_add(ticket, estimate.author, body, at=now)
    ticket_update(ticket, None, at=now, status=Status.CLOSED)


def token_for(estimate: Estimate, contact: Contact) -> str:
    return signing.dumps({"e": estimate.pk, "t": estimate.token, "c": contact.pk}, salt=SALT)


def decision_links(estimate: Estimate, contact: Contact) -> dict[str, str]:
    url = settings.SITE_URL + reverse("estimates:decide", args=[token_for(estimate, contact)])
    return {"approve_url": f"{url}?choice={APPROVE}", "decline_url": f"{url}?choice={DECLINE}"}


def from_token(token: str) -> tuple[Estimate, Contact]:
    """The estimate and contact a signed link names; Estimate.DoesNotExist when the link is
    tampered with or names an estimate that was replaced."""
    try:
        data = signing.loads(token, salt=SALT)
        estimate = Estimate.objects.select_related(
            "ticket__requester", "ticket__assignee", "ticket__contract__plan", "author"
        ).get(pk=int(data["e"]), token=str(data["t"]))
        contact = Contact.objects.select_related("user").get(pk=int(data["c"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, Contact.DoesNotExist) as exc:
        raise Estimate.DoesNotExist("The link is not valid.") from exc
    return estimate, contact

"""Writes on time entries, purchases and hours bank alerts. Callers own the transaction;
mail leaves through the outbox on commit.

Logging time on a metered ticket draws on the contract's hours bank. Past 100% the plan's
overage policy applies: `serve_and_bill` flags the minutes beyond the bank as overage
(billable); `need_approval` refuses them unless the entry is linked to an approved estimate
(estimates links it when `time_entry_logging` is announced)."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.moments import OUT_OF_RANGE, is_reasonable
from charterdesk.core.vocabulary import Decision, hours_text
from charterdesk.mail.outbox import mail_queue
from charterdesk.plans.models import Contract, OveragePolicy
from charterdesk.tickets.guards import check_not_closed
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .hooks import time_entry_logging
from .models import Activity, BankAlert, Purchase, Threshold, TimeEntry
from .selectors import Bank, bank_of

MAX_MINUTES = 24 * 60  # one entry covers at most a day of work
MAX_PURCHASE_HOURS = Decimal(10_000)
FUTURE_SLACK = timedelta(minutes=5)
ONLY_AGENTS = "Only agents log time."


def _check(minutes: int, activity: str, note: str, worked_at: datetime, now: datetime) -> None:
    errors: dict[str, str] = {}
    if not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = f"Log from 1 to {MAX_MINUTES} minutes in one entry."
    if activity not in Activity.values:
        errors["activity"] = f"Use one of: {', '.join(Activity.values)}."
    if len(note) > 300:
        errors["note"] = "Keep the note under 300 characters."
    if timezone.is_naive(worked_at):
        errors["worked_at"] = "Give the time with its time zone."
    elif not is_reasonable(worked_at):
        errors["worked_at"] = OUT_OF_RANGE
    elif worked_at > now + FUTURE_SLACK:
        errors["worked_at"] = "Time cannot be logged for work in the future."
    if errors:
        raise ValidationError(errors)


def _price(entry: TimeEntry, bank: Bank, extra_used: int = 0) -> None:
    """Set the entry's overage from the bank before it (`extra_used`: minutes not yet in it);
    refuse it when the plan needs approval and no estimate covers the work."""
    before = bank.used_minutes + extra_used
    left = max(bank.total_minutes - before, 0)
    entry.overage_minutes = max(entry.minutes - left, 0)
    if not entry.overage_minutes:
        return
    policy = bank.contract.plan.overage_policy
    if policy == OveragePolicy.NEED_APPROVAL and entry.estimate_id is None:
        raise ValidationError(
            {
                "minutes": f"This goes past the contract's hours bank ({hours_text(bank.used)} "
                f"of {hours_text(bank.total)} hours used, {left} minutes left). The "
                f"{bank.contract.plan.name} plan needs the customer's approval for metered "
                "work past the bank: send an estimate and log the time once it is approved."
            }
        )
    entry.billable = True


def time_entry_create(
    ticket: Ticket,
    agent: User,
    *,
    minutes: int,
    activity: str,
    billable: bool | None = None,
    note: str = "",
    worked_at: datetime | None = None,
    at: datetime | None = None,
) -> TimeEntry:
    """Log an agent's minutes on a ticket; copies the contract and the agent's tier.
    `billable` None: as the coverage says (`billable_by_default`)."""
    check_agent(agent, ONLY_AGENTS)
    now = at or timezone.now()
    worked_at = worked_at or now
    _check(minutes, activity, note, worked_at, now)
    check_not_closed(ticket, "minutes", "The ticket is closed; time can no longer be logged.")
    contract = ticket.contract
    draws = ticket.coverage == Decision.METERED and contract is not None
    entry = TimeEntry(
        ticket=ticket,
        agent=agent,
        contract=contract,
        minutes=minutes,
        activity=activity,
        billable=billable_by_default(ticket) if billable is None else billable,
        draws_on_bank=draws,
        tier=agent.tier,
        note=note.strip(),
        worked_at=worked_at,
        created_at=now,
    )
    time_entry_logging.announce(entry)
    locked = _lock(contract) if draws else None
    if locked is not None:
        _price(entry, bank_of(locked))
    entry.save()
    record(
        ticket,
        agent,
        EventKind.TIME,
        field="time",
        new=f"{minutes} min",
        note=_describe(entry),
        internal=True,
        at=now,
    )
    if locked is not None:
        bank_alerts_send(locked, now)
    return entry


def billable_by_default(ticket: Ticket) -> bool:
    """Time on a request the plan includes is not billable unless the agent says so."""
    return ticket.coverage != Decision.INCLUDED


def _lock(contract: Contract | None) -> Contract | None:
    """The contract row locked, so two entries never both take the last minutes."""
    if contract is None:
        return None
    return Contract.objects.select_for_update().select_related("plan").get(pk=contract.pk)


def _describe(entry: TimeEntry) -> str:
    parts = [Activity(entry.activity).label, "billable" if entry.billable else "not billable"]
    if entry.draws_on_bank:
        parts.append("from the hours bank")
    if entry.overage_minutes:
        parts.append(f"{entry.overage_minutes} min overage")
    if entry.note:
        parts.append(entry.note)
    return ", ".join(parts)


def _check_owner(entry: TimeEntry, actor: User) -> None:
    check_agent(actor, ONLY_AGENTS)
    if entry.agent_id != actor.pk and not actor.has_perm(Perm.CORRECT_OTHERS_TIME):
        raise PermissionDenied("Agents correct or delete only their own time entries.")


def time_entry_update(
    entry: TimeEntry,
    actor: User,
    *,
    minutes: int | None = None,
    activity: str | None = None,
    billable: bool | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> TimeEntry:
    """Correct an entry (its author or a manager); the change is in the history."""
    _check_owner(entry, actor)
    now = at or timezone.now()
    old, old_minutes = f"{entry.minutes} min {entry.activity}", entry.minutes
    entry.minutes = entry.minutes if minutes is None else minutes
    entry.activity = entry.activity if activity is None else activity
    entry.billable = entry.billable if billable is None else billable
    entry.note = entry.note if note is None else note.strip()
    _check(entry.minutes, entry.activity, entry.note, entry.worked_at, now)
    locked = _lock(entry.contract) if entry.draws_on_bank else None
    if locked is not None:
        _price(entry, bank_of(locked), extra_used=-old_minutes)
    entry.save()
    record(
        entry.ticket,
        actor,
        EventKind.TIME,
        field="time",
        old=old,
        new=f"{entry.minutes} min {entry.activity}",
        note=f"Corrected: {_describe(entry)}",
        internal=True,
        at=now,
    )
    if locked is not None:
        bank_alerts_send(locked, now)
    return entry


def time_entry_delete(entry: TimeEntry, actor: User, at: datetime | None = None) -> None:
    """Delete an entry (its author or a manager); the deletion is in the history."""
    _check_owner(entry, actor)
    record(
        entry.ticket,
        actor,
        EventKind.TIME,
        field="time",
        old=f"{entry.minutes} min {entry.activity}",
        new="",
        note=f"Deleted the entry of {entry.agent} ({_describe(entry)})",
        internal=True,
        at=at or timezone.now(),
    )
    entry.delete()


def purchase_create(
    contract: Contract, actor: User, *, hours: Decimal, note: str = "", at: datetime | None = None
) -> Purchase:
    """Record hours the customer bought and add them to the contract's purchased hours."""
    if not actor.has_perm(Perm.RECORD_PURCHASE):
        raise PermissionDenied("Only support managers record purchased hours.")
    if not Decimal("0.25") <= hours <= MAX_PURCHASE_HOURS:
        raise ValidationError({"hours": f"Record from 0.25 to {MAX_PURCHASE_HOURS} hours."})
    if hours != hours.quantize(Decimal("0.01")):
        raise ValidationError({"hours": "Use at most two decimals (e.g. 2.5)."})
    if len(note) > 300:
        raise ValidationError({"note": "Keep the note under 300 characters."})
    purchase = Purchase.objects.create(
        contract=contract,
        hours=hours,
        note=note.strip(),
        recorded_by=actor,
        created_at=at or timezone.now(),
    )
    Contract.objects.filter(pk=contract.pk).update(hours_purchased=F("hours_purchased") + hours)
    contract.refresh_from_db(fields=["hours_purchased"])
    return purchase


def bank_alerts_send(contract: Contract, now: datetime) -> list[int]:
    """Tell the account manager and the contract administrators when the bank passes 80%
    and 100%, once per threshold and period. Call with the contract row locked."""
    bank = bank_of(contract)
    reached = [t for t in Threshold if bank.percent_used >= t]
    if not reached:
        return []
    sent = set(
        BankAlert.objects.filter(
            contract=contract, period_start=contract.starts_on, threshold__in=reached
        ).values_list("threshold", flat=True)
    )
    new = [t for t in reached if t not in sent]
    if not new:
        return []
    threshold = max(new)  # passing both at once: one mail, the higher threshold
    BankAlert.objects.bulk_create(
        BankAlert(
            contract=contract,
            period_start=contract.starts_on,
            threshold=t,
            used_hours=bank.used,
            sent_at=now,
        )
        for t in new
    )
    for address in _alert_recipients(contract):
        mail_queue(
            to=address,
            template="hours/mail/bank_threshold",
            context={"bank": bank, "threshold": threshold, "contract": contract},
        )
    return [int(t) for t in new]


def _alert_recipients(contract: Contract) -> list[str]:
    addresses = list(
        contract.administrators.filter(bouncing_since__isnull=True).values_list("email", flat=True)
    )
    manager = contract.relationship_manager
    if manager is not None and manager.is_active:
        addresses.insert(0, manager.email)
    return list(dict.fromkeys(addresses))

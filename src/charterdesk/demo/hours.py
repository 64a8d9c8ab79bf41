"""Demo time: entries on the demo tickets, and Initech's Bronze bank at 85% used so the 80%
alert shows (Carol is the contract's administrator, so she manages its authorized contacts)."""

from datetime import datetime, timedelta

from django.db import transaction

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.hours.models import Activity, TimeEntry
from charterdesk.hours.selectors import bank_of
from charterdesk.hours.services import time_entry_create
from charterdesk.intake.services import ticket_create
from charterdesk.plans.selectors import contract_active_for
from charterdesk.tickets.models import Status, Ticket

T1, T2, T3 = "tier1@charterdesk.example", "tier2@charterdesk.example", "tier3@charterdesk.example"
NEAR_LIMIT = "How do I schedule a nightly export to our SFTP server?"
NEAR_LIMIT_SHARE = 85  # percent of the bank the demo uses

# (ticket subject, agent, minutes, activity, hours ago, note)
ENTRIES = [
    ("Checkout returns 502 for all EU customers", T2, 55, Activity.INVESTIGATION, 0.6,
     "Traced the 502s to the EU load balancer pool"),
    ("Checkout returns 502 for all EU customers", T1, 15, Activity.CALL, 1.2,
     "Call with Alice: impact and workaround"),
    ("Export to CSV fails with 'invalid date'", T1, 40, Activity.INVESTIGATION, 4,
     "Reproduced with February data"),
    ("How do I add a second admin?", T1, 20, Activity.REPLY, 28, "Wrote the steps"),
    ("Login page shows a blank screen", T1, 35, Activity.INVESTIGATION, 18,
     "Firefox console: script error in the login bundle"),
]  # fmt: skip


def add_demo(ref: Reference, now: datetime) -> None:
    """Create the demo time that is missing (the demo command runs again and again)."""
    with transaction.atomic():
        for subject, agent, minutes, activity, ago, note in ENTRIES:
            ticket = Ticket.objects.filter(subject=subject).exclude(status=Status.CLOSED).first()
            if ticket is None or TimeEntry.objects.filter(ticket=ticket, note=note).exists():
                continue
            time_entry_create(
                ticket,
                ref.users[agent],
                minutes=minutes,
                activity=activity,
                note=note,
                worked_at=now - timedelta(hours=ago),
                at=now,
            )
        _near_limit(ref, now)


def _near_limit(ref: Reference, now: datetime) -> None:
    carol = Contact.objects.select_related("organization").get(email="carol@initech.example")
    contract = contract_active_for(carol.organization, now.date())
    if contract is None:
        return
    contract.administrators.add(carol)
    ticket = Ticket.objects.filter(subject=NEAR_LIMIT).first()
    if ticket is None:
        ticket = ticket_create(
            requester=carol,
            subject=NEAR_LIMIT,
            body="We want the nightly export pushed to sftp.initech.example. How do we set "
            "that up, and can it retry when the server is down?",
            request_type="how_to",
            actor=carol.user,
            at=now - timedelta(days=3),
        )
    bank = bank_of(contract)
    missing = bank.total_minutes * NEAR_LIMIT_SHARE // 100 - bank.used_minutes
    if ticket.status == Status.CLOSED or bank.percent_used >= 80 or missing <= 0:
        return
    agents = [ref.users[T1], ref.users[T2]]
    for step in range(missing // 240 + 1):
        minutes = min(240, missing - 240 * step)
        if minutes <= 0:
            break
        time_entry_create(
            ticket,
            agents[step % 2],
            minutes=minutes,
            activity=Activity.INVESTIGATION if step % 2 else Activity.TRAINING,
            note="Walked Initech through scheduled exports" if step % 2 == 0 else "",
            worked_at=now - timedelta(days=2, hours=-step),
            at=now,
        )

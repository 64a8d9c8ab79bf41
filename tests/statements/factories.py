"""Statement test data written straight to the tables, as the services of other apps would
leave it: tickets, time entries, SLA clocks, promises and survey answers."""

from datetime import datetime, timedelta

from charterdesk.accounts.models import User
from charterdesk.commitments.models import Commitment
from charterdesk.customers.models import Contact
from charterdesk.hours.models import TimeEntry
from charterdesk.plans.models import Contract
from charterdesk.routing.models import Queue
from charterdesk.satisfaction.models import Survey
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.models import Ticket


def contract_of(organization: str) -> Contract:
    return Contract.objects.select_related("plan__calendar", "organization").get(
        organization__name=organization
    )


def ticket(
    contract: Contract,
    requester: str,
    created_at: datetime,
    *,
    request_type: str = "error",
    priority: str = "normal",
    coverage: str = "included",
    status: str = "open",
) -> Ticket:
    return Ticket.objects.create(
        organization=contract.organization,
        contract=contract,
        requester=Contact.objects.get(email=requester),
        subject=f"{request_type} from {requester}",
        request_type=request_type,
        type_source="customer",
        priority=priority,
        status=status,
        queue=Queue.objects.order_by("position").first(),
        coverage=coverage,
        coverage_reason="test",
        attention_at=created_at,
        created_at=created_at,
        updated_at=created_at,
    )


def time_entry(
    t: Ticket,
    agent: User,
    minutes: int,
    worked_at: datetime,
    *,
    activity: str = "investigation",
    billable: bool = True,
    draws_on_bank: bool = False,
) -> TimeEntry:
    return TimeEntry.objects.create(
        ticket=t,
        agent=agent,
        contract=t.contract,
        minutes=minutes,
        activity=activity,
        billable=billable,
        draws_on_bank=draws_on_bank,
        tier=agent.tier,
        worked_at=worked_at,
    )


def clock(
    t: Ticket,
    metric: str,
    started_at: datetime,
    *,
    state: str = "fulfilled",
    breached: bool = False,
) -> SlaClock:
    return SlaClock.objects.create(
        ticket=t,
        metric=metric,
        state=state,
        breached=breached,
        target_minutes=60,
        started_at=started_at,
        fulfilled_at=started_at + timedelta(minutes=30) if state == "fulfilled" else None,
    )


def promise(t: Ticket, owner: User, due_at: datetime, state: str = "open") -> Commitment:
    return Commitment.objects.create(
        ticket=t, text="Call back", owner=owner, due_at=due_at, state=state
    )


def answer(t: Ticket, rating: int, answered_at: datetime) -> Survey:
    return Survey.objects.create(
        ticket=t,
        contact=t.requester,
        contract=t.contract,
        rating=rating,
        answered_at=answered_at,
        sent_at=answered_at - timedelta(hours=1),
        open_until=answered_at + timedelta(days=14),
    )

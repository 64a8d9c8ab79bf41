"""The agenda of an account review, prepared from the usage statement of last month and
the account's recent tickets (Markdown, edited by the account manager before the review)."""

from datetime import datetime, timedelta

from django.db.models import Count, Q

from charterdesk.customers.models import Organization
from charterdesk.escalations.models import Escalation
from charterdesk.plans.selectors import contract_active_for
from charterdesk.satisfaction.models import Survey
from charterdesk.sla.models import SlaEvent, SlaEventKind
from charterdesk.statements.calendar_months import Month
from charterdesk.statements.usage import Statement, usage_statement
from charterdesk.tickets.models import OPEN_STATUSES, Ticket

RECENT = timedelta(days=90)
TOP = 3


def _statement_lines(statement: Statement) -> list[str]:
    lines = [f"## Usage in {statement.month.label}", ""]
    lines.append(
        f"- Hours used {statement.hours_used} of {statement.hours_available} "
        f"({statement.hours_remaining} left)"
    )
    lines.append(
        f"- Tickets opened: {statement.tickets}, open at the end: {statement.open_tickets}"
    )
    for row in statement.sla:
        if row.percent is not None:
            lines.append(f"- {row.label}: {row.percent} % met ({row.breached} breached)")
    promises = statement.promises
    lines.append(f"- Promises: {promises.kept} kept, {promises.broken} broken")
    return [*lines, ""]


def _ticket_lines(organization: Organization, now: datetime) -> list[str]:
    since = now - RECENT
    recent = Ticket.objects.filter(organization=organization, created_at__gte=since)
    by_type = recent.order_by().values("request_type").annotate(n=Count("pk")).order_by("-n")[:TOP]
    by_product = (
        recent.exclude(product="")
        .order_by()
        .values("product")
        .annotate(n=Count("pk"))
        .order_by("-n")[:TOP]
    )
    breaches = SlaEvent.objects.filter(
        ticket__organization=organization, kind=SlaEventKind.BREACHED, at__gte=since
    ).count()
    escalations = (
        Escalation.objects.filter(
            ticket__organization=organization, ticket__status__in=OPEN_STATUSES
        )
        .values("ticket")
        .distinct()
        .count()
    )
    ratings = Survey.objects.filter(
        ticket__organization=organization, answered_at__gte=since
    ).aggregate(n=Count("pk"), happy=Count("pk", filter=Q(rating__gte=4)))
    lines = ["## The last 90 days", "", f"- Tickets: {recent.count()}"]
    lines += [f"- {row['request_type']}: {row['n']}" for row in by_type]
    lines += [f"- Product {row['product']}: {row['n']}" for row in by_product]
    lines.append(f"- SLA breaches: {breaches}")
    lines.append(f"- Tickets with an escalation still open: {escalations}")
    lines.append(f"- Satisfaction: {ratings['happy']} happy of {ratings['n']} answers")
    return [*lines, ""]


def agenda_for(organization: Organization, now: datetime) -> str:
    """A Markdown agenda: last month's usage (when there is a contract), recent tickets,
    and the usual closing points."""
    lines = [f"# Account review: {organization.name}", ""]
    contract = contract_active_for(organization, now.date())
    if contract is not None:
        statement = usage_statement(contract, Month.of(now.date()).previous(), now)
        lines += _statement_lines(statement)
    lines += _ticket_lines(organization, now)
    lines += ["## To talk about", "", "- What went well", "- What to improve", "- Next steps", ""]
    return "\n".join(lines)

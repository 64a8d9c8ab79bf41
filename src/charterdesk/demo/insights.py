"""Demo insights: a categories tree, 60 days of imported past tickets (categorized, with a
topic spiking this week, so the volume charts and the trends show something), root causes
on solved tickets (imported and demo) with hours on some, for the causes report."""

import random
from datetime import UTC, datetime, timedelta

from django.db.models import Q

from charterdesk.demo.reference import Reference
from charterdesk.hours.services import time_entry_create
from charterdesk.insights.importer import ImportRow
from charterdesk.insights.importer.load import TicketImport
from charterdesk.insights.models import ImportedTicket
from charterdesk.tickets.category_models import RootCause
from charterdesk.tickets.models import Status, Ticket
from charterdesk.tickets.services import ticket_record_cause
from charterdesk.tickets.services.categories import category_path_ensure

T1 = "tier1@charterdesk.example"
HISTORY, DAYS = 600, 60
TOPICS = {  # category: (subjects, request type, cause, product)
    ("Billing", "Refunds"): (["Refund for a double charge", "Refund not received"], "how_to",
                             RootCause.USER_ERROR, "Cloud"),
    ("Billing", "Invoices"): (["Invoice missing VAT number", "Wrong address on invoice"],
                              "how_to", RootCause.DOCUMENTATION_GAP, "Cloud"),
    ("Account", "Login"): (["Cannot log in after password reset", "SSO login loops"], "error",
                           RootCause.CONFIGURATION, "Cloud"),
    ("Integrations", "Webhooks"): (["Webhook deliveries time out", "Webhook signature invalid"],
                                   "error", RootCause.PRODUCT_DEFECT, "API"),
    ("Data", "Export"): (["Export to CSV fails", "Export misses archived rows"], "error",
                         RootCause.PRODUCT_DEFECT, "Server"),
    ("Performance", "Outage"): (["Dashboard not loading", "502 on checkout"], "downtime",
                                RootCause.THIRD_PARTY, "Cloud"),
}  # fmt: skip
SPIKE = ("Integrations", "Webhooks")  # grows this week: the trending list shows it
CUSTOMERS = [
    ("alice@acme.example", "Acme Corp"),
    ("wile@acme.example", "Acme Corp"),
    ("bob@globex.example", "Globex"),
    ("carol@initech.example", "Initech"),
]


def add_demo(ref: Reference, now: datetime) -> None:
    for parts in TOPICS:
        category_path_ensure(parts)
    if not ImportedTicket.objects.filter(source="demo-history.csv").exists():
        run = TicketImport("demo-history.csv", now=now)
        run.load(list(_history(now, random.Random(17))))  # noqa: S311 - demo data
    _causes(ref, now)


def _history(now: datetime, rng: random.Random) -> list[ImportRow]:
    rows = []
    topics = list(TOPICS)
    for n in range(HISTORY):
        spike = n % 5 == 0
        parts = SPIKE if spike else rng.choice(topics)
        days = rng.uniform(0, 6.5) if spike else rng.uniform(0, DAYS)
        created = (now - timedelta(days=days)).replace(hour=rng.choice(range(7, 19)))
        created = min(created, now - timedelta(hours=1)).astimezone(UTC)
        subjects, kind, _cause, product = TOPICS[parts]
        email, organization = rng.choice(CUSTOMERS)
        # history from the previous help desk is all solved: the demo's queue stays its own
        solved = min(created + timedelta(hours=rng.randint(2, 72)), now - timedelta(minutes=5))
        rows.append(
            ImportRow(
                line=n + 2,
                external_id=f"demo-{n}",
                subject=rng.choice(subjects),
                body="Imported from our previous help desk.",
                category=parts,
                request_type=kind,
                type_guessed=False,
                priority=rng.choice(["low", "normal", "normal", "high"]),
                status=Status.SOLVED,
                created_at=created,
                solved_at=solved,
                requester_email=email,
                requester_name="",
                organization=organization,
                channel=rng.choice(["email", "email", "portal", "phone", "chat"]),
                product=product,
            )
        )
    return rows


def _causes(ref: Reference, now: datetime) -> None:
    """A root cause on solved tickets that have none: the topic's cause for imported ones,
    product defect for the demo's own; an hour logged on a few."""
    agent = ref.users[T1]
    causes = {
        " › ".join(parts): (cause, product) for parts, (_, _, cause, product) in TOPICS.items()
    }
    solved = Ticket.objects.filter(status=Status.SOLVED, root_cause="").select_related(
        "category", "contract"
    )
    wanted = solved.filter(Q(category__isnull=False) | Q(imported_from__isnull=True))
    for n, ticket in enumerate(wanted[:120]):
        cause, product = causes.get(
            ticket.category.path if ticket.category else "", (RootCause.PRODUCT_DEFECT, "Cloud")
        )
        ticket_record_cause(ticket, by=agent, cause=cause, product=product)
        if n % 4 == 0:
            time_entry_create(
                ticket, agent, minutes=30 + 15 * (n % 7), activity="investigation", at=now
            )

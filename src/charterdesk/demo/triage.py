"""Demo of automatic triage: a small categorized history (unless the desk's demo already
has categories) and a first model trained from it, in a few seconds, so new requests made
in the demo are categorized, or sent to /desk/triage/ when the model is unsure."""

import itertools
from datetime import datetime, timedelta

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import Category, CategorySource, Status
from charterdesk.tickets.services import category_create, ticket_categorize
from charterdesk.triage.categories import training_tickets
from charterdesk.triage.models import ModelStatus, TriageModel
from charterdesk.triage.services import triage_run_complete, triage_run_start

MANAGER = "manager@charterdesk.example"
REQUESTERS = ("alice@acme.example", "bob@globex.example", "carol@initech.example")

# (parent, name): openings x details, each pair one past request.
HISTORY = {
    ("Billing", "Refunds"): (
        ["Please refund", "We want our money back for", "Refund request:", "Can you credit"],
        [
            "the double charge on our card",
            "last month's invoice",
            "the unused seats",
            "the annual fee",
        ],
    ),
    ("Billing", "Invoices"): (
        ["Wrong VAT on", "Please resend", "Our accountant needs", "Change the address on"],
        ["the March invoice", "all invoices of this year", "the invoice PDF", "our latest invoice"],
    ),
    ("Account", "Sign-in"): (
        ["Cannot sign in:", "Locked out,", "Password reset does not work,", "Two-factor problem:"],
        [
            "the reset link has expired",
            "my code is rejected",
            "SSO loops to the login page",
            "the account is locked",
        ],
    ),
    ("Product", "Exports"): (
        ["CSV export fails:", "The report export", "Excel download broken,", "Export error:"],
        [
            "the file is empty",
            "stops at 1,000 rows",
            "columns are shifted",
            "dates are in the wrong format",
        ],
    ),
    ("Product", "Outages"): (
        ["The app is down:", "Outage right now,", "Service unavailable,", "Everything is offline:"],
        [
            "502 bad gateway on every page",
            "the dashboard will not load",
            "the API answers 503",
            "nothing responds",
        ],
    ),
}


def add_demo(ref: Reference, now: datetime) -> None:
    if not Category.objects.exists():
        _history(ref, now)
    if TriageModel.objects.filter(status=ModelStatus.READY).exists():
        return
    tickets = training_tickets()
    if len({t.category for t in tickets}) < 2:
        return
    run = triage_run_start(requested_by=ref.users[MANAGER], reason="demo data", at=now)
    triage_run_complete(run, tickets=tickets, at=now)


def _history(ref: Reference, now: datetime) -> None:
    manager = ref.users[MANAGER]
    parents: dict[str, Category] = {}
    contacts = [Contact.objects.get(email=email) for email in REQUESTERS]
    n = 0
    for (parent, name), (openings, details) in HISTORY.items():
        if parent not in parents:
            parents[parent] = category_create(actor=manager, name=parent)
        category = category_create(actor=manager, name=name, parent=parents[parent])
        for opening, detail in itertools.product(openings, details):
            n += 1
            at = now - timedelta(days=60) + timedelta(hours=7 * n)
            text = f"{opening} {detail}"
            ticket = ticket_create(
                requester=contacts[n % 3], subject=text, body=f"{text}. Thanks!", at=at
            )
            ticket_categorize(ticket, category, by=manager, source=CategorySource.PERSON, at=at)
            ticket.status, ticket.solved_at = Status.SOLVED, at + timedelta(hours=3)
            ticket.save(update_fields=["status", "solved_at"])

"""Demo of linked tickets: a duplicate merged into the ticket it repeats, and a problem
ticket with three incident tickets of three customers waiting to be solved together; an
agent and a colleague follow tickets."""

from datetime import datetime, timedelta

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import follower_add, message_add
from charterdesk.workspace.links import link_add
from charterdesk.workspace.merge import ticket_merge
from charterdesk.workspace.models import LinkKind
from charterdesk.workspace.problems import ticket_mark_problem

T1, T2 = "tier1@charterdesk.example", "tier2@charterdesk.example"

ORIGINAL = (
    "alice@acme.example",
    "Invoice PDF shows the wrong VAT rate",
    "Since Monday our invoice PDFs show 19% VAT instead of 7% for books.",
)
DUPLICATE = (
    "wile@acme.example",
    "VAT on our invoices is wrong",
    "The invoices we send out have the standard VAT rate on reduced-rate items.",
)
PROBLEM = (
    "alice@acme.example",
    "Single sign-on fails after the certificate rotation",
    "Since the certificate rotation last night nobody can sign in with SSO.",
)
INCIDENTS = [
    ("wile@acme.example", "SSO login loops back to the sign-in page",
     "After the identity provider sends me back I land on the sign-in page again."),
    ("bob@globex.example", "Cannot sign in with our Okta account",
     "Okta says the response signature is invalid when we sign in."),
    ("carol@initech.example", "SAML error: signature validation failed",
     "All our users get 'signature validation failed' since this morning."),
]  # fmt: skip


def add_demo(ref: Reference, now: datetime) -> None:
    """Create what is missing (the demo command runs again and again)."""
    if Ticket.objects.filter(subject=DUPLICATE[1]).exists():
        return
    agent, lead = ref.users[T1], ref.users[T2]
    original = _open(ORIGINAL, now - timedelta(hours=30))
    message_add(original, agent, "Thanks, we are checking the tax rules of your account.",
                at=now - timedelta(hours=29))  # fmt: skip
    duplicate = _open(DUPLICATE, now - timedelta(hours=6))
    ticket_merge(duplicate, original, agent)
    follower_add(original, lead, user=lead)
    problem = _open(PROBLEM, now - timedelta(hours=10))
    ticket_mark_problem(problem, lead)
    follower_add(problem, lead, user=lead)
    for index, story in enumerate(INCIDENTS):
        incident = _open(story, now - timedelta(hours=9 - index))
        link_add(incident, problem, LinkKind.INCIDENT_OF, lead)


def _open(story: tuple[str, str, str], at: datetime) -> Ticket:
    email, subject, body = story
    requester = Contact.objects.select_related("organization", "user").get(email=email)
    return ticket_create(
        requester=requester,
        subject=subject,
        body=body,
        request_type="error",
        priority="high",
        actor=requester.user,
        at=at,
    )

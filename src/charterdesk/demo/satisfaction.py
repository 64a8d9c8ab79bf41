"""Demo satisfaction: small requests solved over the last two months with their surveys
answered (ratings 2 to 5, some with a comment, one answer changed, one not answered yet), so
the report page, the ticket pages and the usage statements show survey results."""

from datetime import datetime, timedelta

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.intake.services import ticket_create
from charterdesk.satisfaction.services import survey_answer, survey_send
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add, ticket_update

T1, T2, T3 = "tier1@charterdesk.example", "tier2@charterdesk.example", "tier3@charterdesk.example"

# (subject, requester, agent, type, days ago solved, ratings given in order, comment)
SOLVED = [
    ("How do I export invoices as PDF?", "alice@acme.example", T1, "how_to", 52, [5],
     "Quick and clear, thanks!"),
    ("SSO login loops back to the sign-in page", "bob@globex.example", T2, "error", 41,
     [3, 4], "Took a while, but it is fixed for good."),
    ("Are webhook retries documented?", "carol@initech.example", T1, "how_to", 33, [2],
     "The answer pointed to an article I had already read."),
    ("Nightly sync stopped at 02:00", "alice@acme.example", T2, "error", 19, [5], ""),
    ("Can we get a usage report per team?", "bob@globex.example", T1, "how_to", 11, [3],
     "OK, but I expected more detail."),
    ("Uploads over 50 MB fail with a 500", "carol@initech.example", T3, "error", 6, [4],
     "Engineering found the bug fast."),
    ("Password reset mail arrives late", "alice@acme.example", T1, "error", 2, [], ""),
]  # fmt: skip


def add_demo(ref: Reference, now: datetime) -> None:
    """Create the solved requests and their answers that are missing."""
    for subject, requester, agent, kind, days_ago, ratings, comment in SOLVED:
        if Ticket.objects.filter(subject=subject).exists():
            continue
        contact = Contact.objects.select_related("organization", "user").get(email=requester)
        solved_at = now - timedelta(days=days_ago)
        opened_at = solved_at - timedelta(hours=5)
        ticket = ticket_create(
            requester=contact,
            subject=subject,
            body=f"{subject} Could you help?",
            request_type=kind,
            actor=contact.user,
            at=opened_at,
        )
        staff = ref.users[agent]
        message_add(ticket, staff, "Here is how to solve it …", at=opened_at + timedelta(hours=2))
        ticket_update(ticket, staff, at=solved_at, assignee=staff, status="solved")
        survey = survey_send(ticket, solved_at + timedelta(days=1))
        if survey is None:
            continue
        for step, rating in enumerate(ratings):
            at = solved_at + timedelta(days=1, hours=3 + 20 * step)
            survey_answer(survey, rating, comment if step == len(ratings) - 1 else "", at)

"""Demo satisfaction: small requests solved over the last two months with their surveys
answered (ratings 2 to 5, some with a comment, one answer changed, one not answered yet), so
the report page, the ticket pages and the usage statements show survey results; and three
answered today, for the dashboard's "Satisfaction today"."""

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

# Solved this morning and answered minutes ago: the dashboard's "Satisfaction today".
# (subject, requester, agent, type, hours ago solved, rating, comment)
TODAY = [
    ("Invoice numbers skip a digit", "alice@acme.example", T1, "error", 3, 5,
     "Fixed before lunch, great."),
    ("How do I add a second admin?", "bob@globex.example", T1, "how_to", 2, 4, ""),
    ("Report export times out", "carol@initech.example", T2, "error", 1, 2,
     "Still slow for large reports."),
]  # fmt: skip

# subject: (what the customer wrote, what the agent answered)
WORDS = {
    "How do I export invoices as PDF?": (
        "Our accountant needs last quarter's invoices as PDF files. Where is that option?",
        "Open Billing → Invoices, filter the quarter, select all and choose Download → PDF. "
        "You get one ZIP with a PDF per invoice.",
    ),
    "SSO login loops back to the sign-in page": (
        "Since this morning our people sign in through SSO and land on the sign-in page again.",
        "Your identity provider's signing certificate was renewed. We imported the new one; "
        "please sign in again and tell us if the loop is gone.",
    ),
    "Are webhook retries documented?": (
        "If our endpoint is down, does a webhook get sent again, and how often?",
        "Yes: failed deliveries are retried 8 times over 24 hours with growing pauses. The "
        "article 'Webhook delivery and retries' has the exact schedule.",
    ),
    "Nightly sync stopped at 02:00": (
        "The nightly sync stopped at 02:00 and nothing arrived in our warehouse today.",
        "A stuck lock from a failed run blocked the job. We released it and ran the sync "
        "by hand; your warehouse is up to date.",
    ),
    "Can we get a usage report per team?": (
        "Management wants to see usage per team, not only for the whole account.",
        "Reports → Usage has a 'Group by team' option since version 4.0; the export keeps "
        "the grouping.",
    ),
    "Uploads over 50 MB fail with a 500": (
        "Uploading a 60 MB file fails with an error 500. Smaller files work.",
        "Engineering found a wrong limit in the upload proxy and raised it to 500 MB. Could "
        "you try your file again?",
    ),
    "Password reset mail arrives late": (
        "Password reset mails take about 40 minutes to reach our users.",
        "One of our mail relays was throttled by your provider. We moved your domain to "
        "another relay; resets now arrive within a minute.",
    ),
    "Invoice numbers skip a digit": (
        "Our invoice numbers jumped from 1041 to 1043 this morning. Where is 1042?",
        "A cancelled draft took number 1042. We restored it as a void invoice, so the "
        "sequence is complete again.",
    ),
    "How do I add a second admin?": (
        "Our admin is going on leave. How do we give a colleague admin rights?",
        "Settings → Team → choose the colleague → Role: Administrator. Two admins at once "
        "are fine.",
    ),
    "Report export times out": (
        "Exporting the yearly report ends with a time-out after a minute.",
        "Large exports now run in the background and arrive by mail. Please try again.",
    ),
}


def add_demo(ref: Reference, now: datetime) -> None:
    """Create the solved requests and their answers that are missing."""
    for subject, requester, agent, kind, days_ago, ratings, comment in SOLVED:
        if Ticket.objects.filter(subject=subject).exists():
            continue
        solved_at = now - timedelta(days=days_ago)
        opened_at = solved_at - timedelta(hours=5)
        ticket = _solved(
            ref, subject, requester, agent, kind, opened_at, timedelta(hours=2), solved_at
        )
        survey = survey_send(ticket, solved_at + timedelta(days=1))
        if survey is None:
            continue
        for step, rating in enumerate(ratings):
            at = solved_at + timedelta(days=1, hours=3 + 20 * step)
            survey_answer(survey, rating, comment if step == len(ratings) - 1 else "", at)
    add_today(ref, now)


def add_today(ref: Reference, now: datetime) -> None:
    """Today's answers, each a few minutes ago (after the last midnight unless the demo is
    loaded in the first minutes of a day)."""
    for n, (subject, requester, agent, kind, hours_ago, rating, comment) in enumerate(TODAY):
        if Ticket.objects.filter(subject=subject).exists():
            continue
        solved_at = now - timedelta(hours=hours_ago)
        opened_at = solved_at - timedelta(hours=2)
        answer = timedelta(minutes=40)
        ticket = _solved(ref, subject, requester, agent, kind, opened_at, answer, solved_at)
        survey = survey_send(ticket, solved_at + timedelta(minutes=5))
        if survey is not None:
            survey_answer(survey, rating, comment, now - timedelta(minutes=1 + n))


def _solved(
    ref: Reference,
    subject: str,
    requester: str,
    agent: str,
    kind: str,
    opened_at: datetime,
    answered_after: timedelta,
    solved_at: datetime,
) -> Ticket:
    """A request opened by `requester`, answered by `agent` and solved at `solved_at`."""
    contact = Contact.objects.select_related("organization", "user").get(email=requester)
    ticket = ticket_create(
        requester=contact,
        subject=subject,
        body=WORDS[subject][0],
        request_type=kind,
        actor=contact.user,
        at=opened_at,
    )
    staff = ref.users[agent]
    message_add(ticket, staff, WORDS[subject][1], at=opened_at + answered_after)
    ticket_update(ticket, staff, at=solved_at, assignee=staff, status="solved")
    return ticket

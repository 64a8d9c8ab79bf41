"""Demo customer success: a published playbook for every situation (the onboarding one
runs on new contracts), a run in progress on Acme with an overdue task, Globex with a
falling health score (recent breaches and unhappy answers after happy ones), and a review
scheduled for Globex."""

from datetime import datetime, timedelta

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.intake.services import ticket_create
from charterdesk.satisfaction.services import survey_answer, survey_send
from charterdesk.sla.models import SlaClock, SlaEvent, SlaEventKind
from charterdesk.success import playbooks, reviews, runs
from charterdesk.success.models import Playbook, PlaybookRun, Situation
from charterdesk.tickets.models import CustomField, Ticket
from charterdesk.tickets.services import message_add, ticket_set_fields, ticket_update

MANAGER, T1 = "manager@charterdesk.example", "tier1@charterdesk.example"
S = playbooks.StepIn
T = playbooks.TemplateIn
RM, SM, AGENT = "relationship_manager", "support_manager", "assigned_agent"

SCRIPT = (
    "**You:** Thanks for taking the time. Before we start: what matters most to your team "
    "this quarter?\n\n**Customer:** The exports have to work before our year-end close."
    "\n\n**You:** Here is what we saw in your tickets; "
    "does that match your experience?\n\n> Listen first, then summarise in their words."
)

PLAYBOOKS = [
    (Situation.ONBOARDING, "Onboarding a new customer",
     "The first four weeks of a new contract: kick-off, admins trained, first review.",
     [S("Kick-off call", RM, 0, "Introduce the team, the portal and the plan."),
      S("Check the authorized contacts", AGENT, 2, "Everyone who should open tickets can."),
      S("Watch the first tickets", AGENT, 5, "Read every ticket of the first week."),
      S("First check-in", RM, 10, "Ask how the first two weeks went.")],
     [T("Welcome", "Welcome to CharterDesk support, {organization}",
        "Hello {contact_first_name},\n\nwelcome aboard! I am {relationship_manager}, your "
        "relationship manager. Your plan is {plan}; open requests at {portal_link}.\n\n"
        "Best regards,\n{agent_name}")]),
    (Situation.REGULAR_REVIEW, "Quarterly account review",
     "Prepare, hold and follow up the regular review.",
     [S("Prepare the agenda", AGENT, 0), S("Hold the review", RM, 5),
      S("Send the notes and action items", RM, 6)],
     [T("Invitation", "Your account review on {next_review}",
        "Hello {contact_first_name},\n\nour next review is on {next_review}. "
        "Reply with anything you want on the agenda.\n\n{agent_name}")]),
    (Situation.RENEWAL, "Renewal",
     "Sixty days before the contract ends.",
     [S("Usage summary", AGENT, 0), S("Renewal call", RM, 5), S("Proposal sent", SM, 10)],
     []),
    (Situation.OBJECTION, "Objection handling",
     "When a customer questions the value of their plan.",
     [S("Listen and write down the objection", RM, 0), S("Answer with their own figures", RM, 2)],
     []),
    (Situation.ESCALATION_RECOVERY, "Escalation recovery",
     "After a hierarchical escalation: win back trust.",
     [S("Call the contact who escalated", SM, 0), S("Root cause and fix shared", AGENT, 3),
      S("Follow-up call", RM, 10)],
     []),
    (Situation.OUTAGE_FOLLOW_UP, "Outage follow-up",
     "After an incident that touched the account.",
     [S("Send the post-mortem", AGENT, 1), S("Call the main contact", RM, 3)],
     [T("Post-mortem", "What happened, and what we changed, {organization}",
        "Hello {contact_first_name},\n\nthe post-mortem of the recent outage is in the portal: "
        "{portal_link}\n\n{agent_name}")]),
    (Situation.OTHER, "Champion left the company",
     "When the customer's main contact leaves.",
     [S("Find the new champion", RM, 0), S("Introduce the team again", RM, 5)],
     []),
]  # fmt: skip

LESSONS = [
    (T1, "Onboarding a new customer", "Ask who approves hours purchases in the kick-off call."),
    (MANAGER, "Onboarding a new customer", "Admins who attend the training open half as many "
     "how-to tickets in the first month."),
]  # fmt: skip

# Globex: happy answers two months ago, unhappy ones in the last weeks, and breaches.
GLOBEX_TICKETS = [
    ("Reports are slow on Monday mornings", 70, 5),
    ("Dashboard filters reset after login", 55, 4),
    ("Exports time out since the update", 12, 1),
    ("Still no answer on the export problem", 6, 2),
]


def add_demo(ref: Reference, now: datetime) -> None:
    if Playbook.objects.exists():
        return
    manager = ref.users[MANAGER]
    made = {}
    for situation, title, summary, steps, templates in PLAYBOOKS:
        content = playbooks.Content(title, situation, summary, SCRIPT, steps, templates)
        playbook = playbooks.playbook_create(actor=manager, content=content)
        playbooks.playbook_publish(playbook=playbook, actor=manager, now=now - timedelta(days=30))
        made[title] = playbook
    onboarding = made["Onboarding a new customer"]
    playbooks.playbook_set_default_onboarding(playbook=onboarding, actor=manager)
    for author, title, text in LESSONS:
        playbooks.lesson_add(playbook=made[title], author=ref.users[author], text=text)
    _run_in_progress(ref, onboarding, now)
    _falling_account(ref, now)
    reviews.cadence_set(organization=ref.organizations["Globex"], months=1)  # a watched account
    reviews.review_schedule(
        organization=ref.organizations["Globex"], on=(now + timedelta(days=7)).date(), now=now
    )


def _run_in_progress(ref: Reference, playbook: Playbook, now: datetime) -> PlaybookRun:
    """Acme's onboarding, started a week ago: the kick-off done, the contacts check overdue."""
    playbook.refresh_from_db()
    assert playbook.live_version is not None  # noqa: S101 - published above
    run = runs.run_start(
        version=playbook.live_version,
        organization=ref.organizations["Acme Corp"],
        actor=ref.users[MANAGER],
        agent=ref.users[T1],
        now=now - timedelta(days=7),
    )
    kick_off = run.tasks.get(position=1)
    runs.task_finish(
        task=kick_off,
        actor=ref.users[MANAGER],
        state="done",
        note="Met Alice and Wile; they want SSO set up first.",
        now=now - timedelta(days=6),
    )
    return run


def _falling_account(ref: Reference, now: datetime) -> None:
    agent = ref.users[T1]
    for subject, days_ago, rating in GLOBEX_TICKETS:
        if Ticket.objects.filter(subject=subject).exists():
            continue
        contact = Contact.objects.select_related("organization", "user").get(
            email="bob@globex.example"
        )
        solved_at = now - timedelta(days=days_ago)
        opened = solved_at - timedelta(days=2)
        ticket = ticket_create(
            requester=contact, subject=subject, body=subject + ".", request_type="error",
            actor=contact.user, at=opened,
        )  # fmt: skip
        message_add(ticket, agent, "We are on it.", at=opened + timedelta(hours=30))
        if CustomField.objects.filter(key="root_cause").exists():
            ticket_set_fields(ticket, agent, {"root_cause": "Product defect"}, at=solved_at)
        ticket_update(ticket, agent, at=solved_at, assignee=agent, status="solved")
        if days_ago < 30:
            _breach(ticket, opened + timedelta(hours=8))
        survey = survey_send(ticket, solved_at + timedelta(hours=2))
        if survey is not None:
            survey_answer(survey, rating, "", solved_at + timedelta(hours=5))


def _breach(ticket: Ticket, at: datetime) -> None:
    """The first-reply clock missed its deadline (as the SLA sweep would record it)."""
    clock = SlaClock.objects.filter(ticket=ticket).order_by("pk").first()
    if clock is None:
        return
    SlaClock.objects.filter(pk=clock.pk).update(breached=True)
    SlaEvent.objects.create(clock=clock, ticket=ticket, kind=SlaEventKind.BREACHED, at=at)

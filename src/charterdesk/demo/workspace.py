"""Demo workspace: custom ticket fields, tags on the demo tickets, shared and personal
macros (one already used), and saved views, so the desk shows them from the start."""

from datetime import datetime
from typing import Any

from charterdesk.demo.reference import Reference
from charterdesk.tickets.models import CustomField, FieldKind, Status, Ticket
from charterdesk.tickets.services import ticket_set_fields, ticket_set_tags
from charterdesk.workspace.models import Macro, MacroVisibility, SavedView
from charterdesk.workspace.services import MacroInput, macro_create, view_create

MANAGER, T1 = "manager@charterdesk.example", "tier1@charterdesk.example"

FIELDS = [
    ("environment", "Environment", FieldKind.DROPDOWN, ["production", "staging", "test"],
     False, True),
    ("app_version", "App version", FieldKind.TEXT, [], False, True),
    ("affected_users", "Affected users", FieldKind.NUMBER, [], False, False),
    ("root_cause", "Root cause", FieldKind.DROPDOWN,
     ["Product defect", "Configuration", "Environment", "Third party", "Documentation gap"],
     True, False),
]  # fmt: skip

# (ticket subject, tags, field values)
TAGGED = [
    ("Checkout returns 502 for all EU customers", ["vip", "outage", "eu"],
     {"environment": "production", "affected_users": "1200"}),
    ("Export to CSV fails with 'invalid date'", ["export", "bug"],
     {"environment": "production", "app_version": "4.1.3"}),
    ("API rate limit seems lower than documented", ["rate-limits", "docs"], {}),
]  # fmt: skip

MACROS: list[tuple[str, str, str, str, str, dict[str, Any]]] = [
    (MANAGER, "Ask for logs", MacroVisibility.SHARED,
     "Hi {{ requester.first_name }},\n\nThanks for reporting this. To find the cause quickly, "
     "could you send us the log of the failing action and the time it happened?\n\n"
     "Best regards,\n{{ agent.name }}",
     "", {"status": "pending", "add_tags": ["needs-logs"]}),
    (MANAGER, "Solved: fix released", MacroVisibility.SHARED,
     "Hi {{ requester.first_name }},\n\nThe fix for ticket #{{ ticket.id }} is released. "
     "Please update and let us know if anything is still wrong: replying reopens the "
     "ticket.\n\nBest regards,\n{{ agent.name }}",
     "Closed after the release.",
     {"status": "solved", "fields": {"root_cause": "Product defect"}}),
    (MANAGER, "Outage acknowledged", MacroVisibility.SHARED,
     "Hi {{ requester.first_name }},\n\nWe are aware of the outage and working on it with "
     "priority. {{ organization.name }} is covered by the {{ plan.name }} plan: we will "
     "update you at least every hour.\n\n{{ agent.name }}",
     "", {"priority": "urgent", "add_tags": ["outage"], "assignee": "me"}),
    (T1, "How-to: point to the docs", MacroVisibility.PERSONAL,
     "Hi {{ requester.first_name }},\n\nGood question! The steps are in our help center; "
     "I am setting this to solved, reply if anything is unclear.\n\n{{ agent.first_name }}",
     "", {"status": "solved", "fields": {"root_cause": "documentation gap"}}),
]  # fmt: skip


def add_demo(ref: Reference, now: datetime) -> None:
    """Create what is missing (the demo command runs again and again)."""
    for position, (key, label, kind, options, required, visible) in enumerate(FIELDS):
        CustomField.objects.get_or_create(
            key=key,
            defaults={"label": label, "kind": kind, "options": options, "position": position,
                      "required_to_solve": required, "visible_to_customers": visible},
        )  # fmt: skip
    agent = ref.users[T1]
    for subject, tags, values in TAGGED:
        ticket = Ticket.objects.filter(subject=subject).exclude(status=Status.CLOSED).first()
        if ticket is not None and not ticket.tags.exists():
            ticket_set_tags(ticket, agent, tags, at=now)
            ticket_set_fields(ticket, agent, values, at=now)
    for owner, title, visibility, body, note, changes in MACROS:
        if not Macro.objects.filter(title=title).exists():
            data = MacroInput(title, body, note, visibility, changes=changes)
            macro_create(ref.users[owner], data)
    Macro.objects.filter(title="Ask for logs", usage_count=0).update(usage_count=37)
    _views(ref)


def _views(ref: Reference) -> None:
    if SavedView.objects.exists():
        return
    manager, agent = ref.users[MANAGER], ref.users[T1]
    view_create(manager, name="Unassigned", filters={"assignee": "none"}, shared=True)
    view_create(manager, name="VIP", filters={"tag": "vip"}, shared=True)
    view_create(manager, name="Waiting on customer", filters={"status": "pending"}, shared=True)
    view_create(agent, name="Mine", filters={"assignee": str(agent.pk)})

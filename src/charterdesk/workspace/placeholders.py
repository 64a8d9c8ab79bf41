"""The placeholders of a macro's text: a fixed set of values about the ticket, its
requester, the agent and the customer, and nothing else of the system.

`{{ requester.first_name }}` is replaced by plain text; there is no template engine
behind it, so no attribute, method, filter or tag is reachable from a macro. A placeholder
outside the set is a form error when the macro is saved, never a crash when it is used.
"""

import re
from collections.abc import Mapping

from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
TEMPLATE_SYNTAX = re.compile(r"\{%|%\}|\{#|#\}")

PLACEHOLDERS: dict[str, str] = {
    "ticket.id": "the ticket's number",
    "ticket.subject": "the ticket's subject",
    "ticket.status": "the ticket's status, in words",
    "ticket.priority": "the ticket's priority, in words",
    "ticket.type": "the request type, in words",
    "requester.name": "the requester's full name (or address)",
    "requester.first_name": "the requester's first name",
    "requester.email": "the requester's address",
    "agent.name": "your name",
    "agent.first_name": "your first name",
    "agent.email": "your address",
    "organization.name": "the requester's organization",
    "plan.name": "the plan of the ticket's contract",
    "queue.name": "the ticket's queue",
}


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders of `text` that are not in the set, and any template syntax."""
    wrong = [name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]
    if TEMPLATE_SYNTAX.search(text):
        wrong.append("{% … %}")
    leftover = PLACEHOLDER.sub("", text)
    if "{{" in leftover or "}}" in leftover:
        wrong.append("an unclosed {{")
    return wrong


def values_for(ticket: Ticket, agent: User) -> dict[str, str]:
    """What each placeholder stands for on this ticket, for this agent."""
    requester = ticket.requester
    plan = ticket.contract.plan if ticket.contract_id else None  # type: ignore[union-attr]
    requester_name = requester.name or requester.email
    agent_name = agent.name or agent.email
    return {
        "ticket.id": str(ticket.pk),
        "ticket.subject": ticket.subject,
        "ticket.status": str(ticket.get_status_display()),
        "ticket.priority": str(ticket.get_priority_display()),
        "ticket.type": str(ticket.get_request_type_display()),
        "requester.name": requester_name,
        "requester.first_name": requester_name.split()[0] if requester.name else requester_name,
        "requester.email": requester.email,
        "agent.name": agent_name,
        "agent.first_name": agent_name.split()[0] if agent.name else agent_name,
        "agent.email": agent.email,
        "organization.name": str(ticket.organization or ""),
        "plan.name": str(plan or ""),
        "queue.name": str(ticket.queue),
    }


def render(text: str, values: Mapping[str, str]) -> str:
    """`text` with each placeholder replaced; an unknown one (saved before the set
    shrank) becomes empty rather than showing its braces to a customer."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), text)

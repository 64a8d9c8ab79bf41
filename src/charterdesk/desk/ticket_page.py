"""What the agent's ticket page shows, read once (issue #13): one plain object the page's
template draws from, instead of each part of the page reading on its own. The side
panels of the other apps (time, promises, escalations, …) are drawn by their own
inclusion tags from what is read here (`TicketPage.panels`): none of them reads."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from charterdesk.accounts.models import User
from charterdesk.commitments.selectors import commitments_listed
from charterdesk.escalations.selectors import escalations_listed, requests_listed
from charterdesk.estimates.selectors import estimates_listed
from charterdesk.hours.selectors import bank_of, time_entries_listed
from charterdesk.learning.selectors import drafts_listed
from charterdesk.mail.selectors import ticket_mail
from charterdesk.satisfaction.selectors import survey_of
from charterdesk.sla.models import RUNNING_STATES, SlaEvent
from charterdesk.sla.selectors import ClockView, clock_views_of, events_listed
from charterdesk.swarms.selectors import collaborators_listed, latest_help_requests
from charterdesk.tickets import selectors
from charterdesk.tickets.models import Message, Ticket, TicketEvent
from charterdesk.tickets.services.followers import followers_listed
from charterdesk.workspace.links import links_listed
from charterdesk.workspace.selectors import macro_choices_for


@dataclass(frozen=True)
class Panels:
    """What the side panels show, one read each (compiled once, core.prepared); each
    app's inclusion tag draws its card from its part (`{% desk_hours ticket page.panels %}`)."""

    macros: list[Any]  # workspace: the macros the agent may apply, most used first
    tags: list[str]  # workspace: the tags card
    links: list[Any]  # workspace: linked tickets, each with the other ticket
    followers: list[Any]  # workspace
    drafts: list[Any]  # learning: drafts waiting or returned
    commitments: list[Any]  # commitments: the promises
    time_entries: list[Any]  # hours: all the ticket's entries
    bank: Any  # hours: the contract's bank (None without a contract)
    escalation_requests: list[Any]  # escalations: the customer's requests
    escalations: list[Any]  # escalations: oldest first, with their owners
    collaborators: list[Any]  # swarms
    help_requests: list[Any]  # swarms: the three latest
    estimates: list[Any]  # estimates, with the minutes tracked against each
    survey: Any  # satisfaction: the survey, or None
    mail: list[Any]  # mail: sent on the ticket, newest first


def panels_of(user: User, ticket: Ticket) -> Panels:
    """The side panels' reads, a fixed number of statements whatever the ticket holds."""
    contract = ticket.contract if ticket.contract_id else None
    return Panels(
        macros=macro_choices_for(user),
        tags=selectors.tags_of(ticket),
        links=links_listed(ticket),
        followers=followers_listed(ticket),
        drafts=drafts_listed(ticket),
        commitments=commitments_listed(ticket),
        time_entries=time_entries_listed(ticket),
        bank=bank_of(contract) if contract is not None else None,
        escalation_requests=requests_listed(ticket),
        escalations=escalations_listed(ticket),
        collaborators=collaborators_listed(ticket),
        help_requests=latest_help_requests(ticket),
        estimates=estimates_listed(ticket),
        survey=survey_of(ticket),
        mail=ticket_mail(ticket.pk),
    )


@dataclass(frozen=True)
class TicketPage:
    ticket: Ticket
    messages: list[Message]  # newest first, each with its uploaded files
    events: list[TicketEvent]  # the history, oldest first
    recent: list[Ticket]  # the organization's (or requester's) other latest tickets
    clocks: list[ClockView]
    sla_events: list[SlaEvent]
    overridable: bool  # a clock still counts: its deadline may be changed by hand
    panels: Panels


def ticket_page_of(user: User, ticket: Ticket, now: datetime) -> TicketPage:
    """The ticket page's data for `user` (an agent: every message and history line), a
    fixed number of statements whatever the number of messages, events and clocks, each
    compiled once per process (core.prepared)."""
    if not user.is_agent:
        raise PermissionDenied("The ticket page is for agents.")
    clocks = clock_views_of(ticket, now)
    return TicketPage(
        ticket=ticket,
        messages=selectors.conversation_for_agents(ticket)[::-1],
        events=selectors.history_for_agents(ticket),
        recent=selectors.recent_tickets_around(ticket),
        clocks=clocks,
        sla_events=events_listed(ticket),
        overridable=any(v.clock.state in RUNNING_STATES for v in clocks),
        panels=panels_of(user, ticket),
    )

"""Which ticket a message belongs to: its In-Reply-To and References against every
Message-ID we have seen or sent, then the signed reply address, then a [#123] subject tag.
A match counts only if the sender is a party to the ticket. Mail to a duplicate that was
merged lands on the ticket it was merged into."""

from dataclasses import dataclass

from charterdesk.mail.models import MailReference
from charterdesk.mail.tokens import support_parts, ticket_from_staff_token, ticket_from_token
from charterdesk.mailparse import ParsedMail, reply_token, subject_ticket_ids
from charterdesk.tickets.models import Ticket

from .senders import Sender


@dataclass(frozen=True)
class Thread:
    ticket: Ticket | None
    how: str  # "references", "reply address", "subject tag" or ""
    refused: str = ""  # why a matched ticket was not used


AGENT_REFUSED = (
    "mail from an agent's address threads only through the agents' reply address of an "
    "internal notification (it may be forged)"
)


def thread_find(mail: ParsedMail, sender: Sender) -> Thread:
    if sender.agent is not None:
        return _agent_thread(mail)
    for found, how in _candidates(mail):
        ticket = surviving(found)
        if _is_party(ticket, sender):
            return Thread(ticket, how)
        return Thread(
            None, how, f"the sender is not a party to ticket #{ticket.pk} (matched by {how})"
        )
    return Thread(None, "")


def _candidates(mail: ParsedMail) -> list[tuple[Ticket, str]]:
    found: list[tuple[Ticket, str]] = []
    ids = [*reversed(mail.references), *mail.in_reply_to]
    if ids:
        ref = (
            MailReference.objects.filter(message_id__in=ids)
            .select_related("ticket__requester")
            .order_by("-id")
            .first()
        )
        if ref is not None:
            found.append((ref.ticket, "references"))
    local = support_parts()[0]
    for address in [*mail.to, *mail.cc, *mail.delivered_to]:
        token = reply_token(address, local)
        ticket_id = ticket_from_token(token) if token else None
        if ticket_id is not None:
            found.extend((t, "reply address") for t in _tickets([ticket_id]))
            break
    found.extend((t, "subject tag") for t in _tickets(subject_ticket_ids(mail.subject)[:1]))
    return found


def _agent_thread(mail: ParsedMail) -> Thread:
    """An agent's mail counts only with the agents' reply address: a From header alone
    proves nothing, and customers never see that address."""
    local = support_parts()[0]
    for address in [*mail.to, *mail.cc, *mail.delivered_to]:
        token = reply_token(address, local)
        ticket_id = ticket_from_staff_token(token) if token else None
        if ticket_id is not None:
            for ticket in _tickets([ticket_id]):
                return Thread(surviving(ticket), "agents' reply address")
    return Thread(None, "", AGENT_REFUSED)


def surviving(ticket: Ticket) -> Ticket:
    """The ticket a merged duplicate lives on in (a few merges deep at most)."""
    for _ in range(5):
        if ticket.merged_into_id is None:
            break
        ticket = Ticket.objects.select_related("requester").get(pk=ticket.merged_into_id)
    return ticket


def _tickets(ids: list[int]) -> list[Ticket]:
    if not ids:
        return []
    return list(Ticket.objects.select_related("requester").filter(pk__in=ids))


def _is_party(ticket: Ticket, sender: Sender) -> bool:
    """The requester or a colleague of the same organization (agents: `_agent_thread`)."""
    contact = sender.contact
    if contact is None:
        return False
    if contact.pk == ticket.requester_id:
        return True
    return ticket.organization_id is not None and contact.organization_id == ticket.organization_id

"""An article drafted from a solved ticket: the customer's question and the agents'
public answer, with what identifies the customer taken out before anyone reviews it."""

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import User
from charterdesk.customers.selectors import domain_names
from charterdesk.tickets.models import Status, Ticket, Visibility

from ..models import Article
from ..models import Visibility as ArticleVisibility
from ..redact import redact
from .articles import article_create

SOLVED = (Status.SOLVED, Status.CLOSED)


def _identifying(ticket: Ticket) -> tuple[list[str], list[str]]:
    names = [ticket.requester.name, ticket.requester.email.split("@")[0]]
    domains = [ticket.requester.email.split("@")[-1]]
    organization = ticket.organization
    if organization is not None:
        names.append(f"[organization]:{organization.name}")
        domains += domain_names(organization)
    authors = {m.author_contact for m in ticket.messages.all() if m.author_contact}
    names += [contact.name for contact in authors if contact.name]
    return names, domains


def article_from_ticket(ticket: Ticket, actor: User) -> Article:
    """A draft (customers' visibility, owned by the actor) from a solved ticket."""
    if ticket.status not in SOLVED:
        raise ValidationError("Draft an article from a solved ticket: its answer is known.")
    messages = [m for m in ticket.messages.all() if m.visibility == Visibility.PUBLIC]
    question = [m.body for m in messages if not m.from_staff]
    answer = [m.body for m in messages if m.from_staff]
    if not answer:
        raise ValidationError("The ticket has no public answer to turn into an article.")
    names, domains = _identifying(ticket)
    body = "\n\n".join(
        [
            "## The question",
            redact("\n\n".join(question[:2]), names=names, domains=domains),
            "## The answer",
            redact("\n\n".join(answer), names=names, domains=domains),
        ]
    )
    return article_create(
        author=actor,
        title=redact(ticket.subject, names=names, domains=domains),
        body=body,
        visibility=ArticleVisibility.CUSTOMERS,
        language=ticket.language or "en",
    )

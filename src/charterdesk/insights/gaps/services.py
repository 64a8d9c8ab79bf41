"""Draft an article for a knowledge gap (the caller owns the transaction)."""

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import User
from charterdesk.knowledge.models import Article
from charterdesk.knowledge.models import Visibility as ArticleVisibility
from charterdesk.knowledge.redact import redact
from charterdesk.knowledge.services import article_create, article_from_ticket

from ..periods import Period
from ..terms import significant_terms
from .models import GapDraft, GapKind
from .selectors import gap_tickets


def gap_draft(*, actor: User, kind: str, key: str, period: Period) -> tuple[Article, bool]:
    """The draft for a gap, made once: from the newest solved ticket of a ticket gap that
    has a public answer (knowledge's `article_from_ticket`, which takes out what identifies
    the customer), or for a search that found nothing, a draft titled with the query.
    Returns the article and whether it was made now (False: drafted before)."""
    if kind not in GapKind.values:
        raise ValidationError({"kind": "Choose category, term or search."})
    key = " ".join(key.split())[:200]
    if not key:
        raise ValidationError({"key": "Say which gap to draft an article for."})
    drafted = GapDraft.objects.filter(kind=kind, key=key).select_related("article").first()
    if drafted is not None:
        return drafted.article, False
    if kind == GapKind.SEARCH:
        article = _from_search(actor, key)
    else:
        article = _from_tickets(actor, kind, key, period)
    GapDraft.objects.create(kind=kind, key=key, article=article, created_by=actor)
    return article, True


def _from_tickets(actor: User, kind: str, key: str, period: Period) -> Article:
    if kind == GapKind.CATEGORY and not key.isdigit():
        raise ValidationError({"key": "A category gap is named by the category's id."})
    tickets = (
        gap_tickets(kind, key, period)
        .select_related("requester", "organization")
        .prefetch_related("messages__author_contact")
    )
    for ticket in tickets:
        if kind == GapKind.TERM and key not in significant_terms(ticket.subject):
            continue
        try:
            return article_from_ticket(ticket, actor)
        except ValidationError:
            continue  # no public answer on this one: try the next
    raise ValidationError(
        {"key": "None of the solved tickets of this gap has a public answer to start from."}
    )


def _from_search(actor: User, query: str) -> Article:
    said = redact(query)
    body = "\n\n".join(
        [
            "## The question",
            f"Customers searched the help center for “{said}” and found nothing.",
            "## The answer",
            "Write the answer here, in the words customers search with.",
        ]
    )
    return article_create(
        author=actor,
        title=said[:1].upper() + said[1:],
        body=body,
        visibility=ArticleVisibility.CUSTOMERS,
    )

"""What readers and agents do with articles: votes, links inserted into replies, flags
raised from tickets, help-center searches and visits."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket

from ..models import Article, ArticleFlag, Feedback, FlagKind, HelpSearch, HelpVisit, LinkUse
from .articles import article_count_link


def feedback_record(
    article: Article, *, voter: str, helpful: bool, comment: str = "", user: User | None = None
) -> Feedback:
    """One vote per person or browser: voting again changes the vote (and its comment)."""
    comment = comment.strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": "Keep the comment under 1,000 characters."})
    values = {"helpful": helpful, "comment": comment, "user": user, "created_at": timezone.now()}
    try:
        with transaction.atomic():
            vote, _ = Feedback.objects.update_or_create(
                article=article, voter=voter, defaults=values
            )
    except IntegrityError:  # a second tab voted at the same moment: keep the later vote
        Feedback.objects.filter(article=article, voter=voter).update(**values)
        vote = Feedback.objects.get(article=article, voter=voter)
    return vote


def link_inserted(article: Article, ticket: Ticket, agent: User) -> LinkUse:
    """An agent put the article's link into a reply: it counts toward its usefulness."""
    if not agent.is_agent:
        raise PermissionDenied("Only agents insert articles into replies.")
    article_count_link(article)
    return LinkUse.objects.create(article=article, ticket=ticket, agent=agent)


def flag_raise(
    ticket: Ticket, agent: User, *, kind: str, article: Article | None = None, note: str = ""
) -> ArticleFlag:
    """ "Article needed" (nothing answers this ticket) or "article wrong" (one misled)."""
    if not agent.is_agent:
        raise PermissionDenied("Only agents flag articles.")
    if kind not in FlagKind.values:
        raise ValidationError({"kind": "Choose article needed or article wrong."})
    if kind == FlagKind.WRONG and article is None:
        raise ValidationError({"article": "Say which article is wrong."})
    return ArticleFlag.objects.create(
        kind=kind, ticket=ticket, article=article, note=note.strip()[:500], raised_by=agent
    )


def search_log(query: str, results: int, *, signed_in: bool) -> None:
    if query.strip():
        HelpSearch.objects.create(
            query=query.strip().lower()[:200], results=results, signed_in=signed_in
        )


def visit_record(visitor: str, at: datetime) -> None:
    """Count a visitor once a day (for the self-service score)."""
    HelpVisit.objects.bulk_create(
        [HelpVisit(day=timezone.localdate(at), visitor=visitor)], ignore_conflicts=True
    )

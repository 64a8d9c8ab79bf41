"""Deflection: what a customer did with the articles suggested while writing a request.

The portal's new-request form carries a random token; the first suggestions shown start a
`SuggestionAttempt` with it. Opening an article and leaving without sending counts as an
implicit deflection, "This solved my problem" as an explicit one; a request sent anyway
keeps the articles that were shown (reports read them)."""

import secrets
from collections.abc import Iterable

from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket

from ..models import Article, SuggestionAttempt, SuggestionShown


def attempt_token() -> str:
    return secrets.token_urlsafe(16)


def _attempt(user: User, token: str) -> SuggestionAttempt | None:
    if not token or len(token) > 40:
        return None
    attempt, _ = SuggestionAttempt.objects.get_or_create(token=token, defaults={"user": user})
    return attempt if attempt.user_id == user.pk else None


def suggestions_shown(user: User, token: str, articles: Iterable[Article]) -> None:
    rows = list(articles)
    attempt = _attempt(user, token) if rows else None
    if attempt is None or attempt.ticket_id is not None:
        return
    SuggestionShown.objects.bulk_create(
        [SuggestionShown(attempt=attempt, article=article) for article in rows],
        ignore_conflicts=True,
    )


def suggestion_opened(user: User, token: str, article: Article) -> None:
    attempt = _attempt(user, token)
    if attempt is not None:
        shown, _ = SuggestionShown.objects.get_or_create(attempt=attempt, article=article)
        if shown.opened_at is None:
            shown.opened_at = timezone.now()
            shown.save(update_fields=["opened_at"])


def suggestion_solved(user: User, token: str, article: Article) -> None:
    """ "This solved my problem": the explicit deflection."""
    attempt = _attempt(user, token)
    if attempt is not None and attempt.ticket_id is None:
        suggestion_opened(user, token, article)
        attempt.solved_by = article
        attempt.solved_at = timezone.now()
        attempt.save(update_fields=["solved_by", "solved_at"])


def attempt_ticket_sent(user: User, token: str, ticket: Ticket) -> None:
    """The request was sent anyway: the attempt keeps which articles it had shown."""
    SuggestionAttempt.objects.filter(token=token, user=user, ticket__isnull=True).update(
        ticket=ticket
    )

"""Dealing with flags raised on articles: the article's owner, or anyone who reviews
articles, resolves a flag (the article was fixed, or written) or dismisses it (nothing to
change), always saying why. The flag keeps the outcome, the note, who and when."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from ..models import ArticleFlag, FlagOutcome


def may_resolve(user: User, flag: ArticleFlag) -> bool:
    """The article's owner, or a reviewer (flags without an article: reviewers only)."""
    if not user.is_agent:
        return False
    if user.has_perm(Perm.REVIEW_ARTICLES):
        return True
    return flag.article is not None and flag.article.owner_id == user.pk


def flag_resolve(flag: ArticleFlag, user: User, *, outcome: str, note: str) -> ArticleFlag:
    """Close an open flag with an outcome and a note. A flag closed meanwhile (another tab,
    another reviewer) is not closed twice: ValidationError saying by whom."""
    if not may_resolve(user, flag):
        raise PermissionDenied("Only the article's owner or a reviewer deals with its flags.")
    if not flag.is_open:
        raise ValidationError(_closed_message(flag))
    note = note.strip()
    errors = {}
    if outcome not in FlagOutcome.values:
        errors["outcome"] = "Choose resolved or dismissed."
    if not note:
        errors["note"] = "Say what was done, or why nothing needs to change."
    elif len(note) > 500:
        errors["note"] = "Keep the note under 500 characters."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    closed = ArticleFlag.objects.filter(pk=flag.pk, resolved_at__isnull=True).update(
        resolved_at=now, outcome=outcome, resolution_note=note, resolved_by=user
    )
    flag.refresh_from_db()
    if not closed:
        raise ValidationError(_closed_message(flag))
    return flag


def _closed_message(flag: ArticleFlag) -> str:
    outcome = flag.get_outcome_display().lower() or "closed"
    return f"This flag was already {outcome} by {flag.resolved_by or 'someone else'}."

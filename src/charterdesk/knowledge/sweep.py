"""Stale articles (a scheduler job, daily): remind each owner of their live articles whose
review-by date has passed, at most once a week per article. Each article is claimed with a
conditional UPDATE before the mail is queued, so several schedulers remind once."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from charterdesk.mail.outbox import mail_queue

from .models import Article, ArticleState

AGAIN_AFTER = timedelta(days=7)
BATCH = 500


def stale_articles(today: date) -> "Q":
    return (
        Q(review_by__lt=today, live_version__isnull=False)
        & ~Q(state=ArticleState.ARCHIVED)
        & (Q(stale_reminded_on__isnull=True) | Q(stale_reminded_on__lte=today - AGAIN_AFTER))
    )


def remind_stale(today: date) -> list[int]:
    """Remind owners; returns the ids of the articles reminded about."""
    ids = list(
        Article.objects.filter(stale_articles(today), owner__isnull=False)
        .order_by("review_by")
        .values_list("pk", flat=True)[:BATCH]
    )
    by_owner: dict[str, list[Article]] = defaultdict(list)
    with transaction.atomic(durable=True):
        claimed = []
        for pk in ids:
            won = Article.objects.filter(stale_articles(today), pk=pk).update(
                stale_reminded_on=today
            )
            if won:
                claimed.append(pk)
        for article in Article.objects.filter(pk__in=claimed).select_related(
            "owner", "live_version"
        ):
            by_owner[article.owner.email].append(article)  # type: ignore[union-attr]
        for email, articles in by_owner.items():
            mail_queue(
                to=email,
                template="knowledge/mail/stale",
                context={
                    "articles": articles,
                    "url": settings.SITE_URL + reverse("knowledge:list") + "?stale=1",
                },
            )
    return claimed

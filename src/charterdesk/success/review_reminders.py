"""Review reminders (part of the playbook task sweep): a week before a scheduled account
review, its account owner (the relationship manager, or the support manager without one)
gets a mail with the agenda's link. Each review is claimed with a conditional UPDATE in the
same transaction as its mail, so several schedulers remind once; the partial index
review_to_remind keeps the search small."""

from datetime import datetime, timedelta

from django.db import transaction

from charterdesk.mail.outbox import mail_queue

from .models import AccountReview, ReviewState
from .runs import relationship_manager_of, support_manager

REMIND_BEFORE = timedelta(days=7)
BATCH = 200


def remind_reviews(now: datetime) -> list[int]:
    """Remind the owners of the reviews due within a week; the ids reminded."""
    ids = list(
        AccountReview.objects.filter(
            state=ReviewState.SCHEDULED,
            reminded_at__isnull=True,
            scheduled_for__lte=(now + REMIND_BEFORE).date(),
        )
        .order_by("scheduled_for", "id")
        .values_list("pk", flat=True)[:BATCH]
    )
    reminded = []
    with transaction.atomic(durable=True):
        for review in AccountReview.objects.filter(pk__in=ids).select_related(
            "organization__relationship_manager"
        ):
            taken = AccountReview.objects.filter(
                pk=review.pk, state=ReviewState.SCHEDULED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if taken != 1:
                continue  # another scheduler took it
            owner = relationship_manager_of(review.organization, now) or support_manager()
            reminded.append(review.pk)
            if owner is not None:
                mail_queue(
                    to=owner.email,
                    template="success/mail/review_reminder",
                    context={"review": review, "now": now},
                )
    return reminded

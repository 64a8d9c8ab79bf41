"""Post-mortem follow-through in the incident sweep.

- the owner of an open follow-up action is reminded REMIND_DAYS before its due date,
  and told again once when it is overdue;
- a post-mortem past its business-day due date and not yet approved is chased once to
  the incident's commander and the support managers.

Each step claims its row with a conditional UPDATE before mailing, so concurrent
sweeps act exactly once."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Role
from charterdesk.mail.outbox import mail_queue

from .assignments import role_addresses
from .choices import EventKind, IncidentRole, PostMortemState
from .models import FollowUpAction, PostMortem
from .timeline import event

BATCH = 200
REMIND_DAYS = 2


def actions_remind(now: datetime) -> list[int]:
    """Owners of actions due within REMIND_DAYS (not yet overdue), once per action."""
    today = timezone.localdate(now)
    due = FollowUpAction.objects.filter(
        done_at__isnull=True,
        owner__isnull=False,
        reminded_at__isnull=True,
        due_on__gte=today,
        due_on__lte=today + timedelta(days=REMIND_DAYS),
    ).select_related("owner", "postmortem__incident")
    return _claim_and_mail(due[:BATCH], "reminded_at", "incidents/mail/action_reminder", now)


def actions_overdue(now: datetime) -> list[int]:
    """Owners of actions past their due date, once per action."""
    today = timezone.localdate(now)
    due = FollowUpAction.objects.filter(
        done_at__isnull=True, owner__isnull=False, overdue_at__isnull=True, due_on__lt=today
    ).select_related("owner", "postmortem__incident")
    return _claim_and_mail(due[:BATCH], "overdue_at", "incidents/mail/action_overdue", now)


def _claim_and_mail(
    actions: Iterable[FollowUpAction],
    marker: str,
    template: str,
    now: datetime,
) -> list[int]:
    done = []
    for action in actions:
        with transaction.atomic(durable=True):
            claimed = FollowUpAction.objects.filter(
                pk=action.pk, done_at__isnull=True, **{f"{marker}__isnull": True}
            ).update(**{marker: now})
            if claimed != 1:
                continue
            mail_queue(
                to=[action.owner.email if action.owner else ""],
                template=template,
                context={"action": action, "incident": action.postmortem.incident, "now": now},
            )
            done.append(action.pk)
    return done


def postmortems_chase(now: datetime) -> list[int]:
    """Post-mortems past due and not approved: the commander and the managers, once."""
    late = (
        PostMortem.objects.filter(
            due_at__lt=now, state=PostMortemState.DRAFT, chased_at__isnull=True
        )
        .select_related("incident")
        .order_by("due_at", "id")[:BATCH]
    )
    managers = list(
        User.objects.filter(role=Role.MANAGER, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
    chased = []
    for postmortem in late:
        with transaction.atomic(durable=True):
            claimed = PostMortem.objects.filter(
                pk=postmortem.pk, state=PostMortemState.DRAFT, chased_at__isnull=True
            ).update(chased_at=now)
            if claimed != 1:
                continue
            incident = postmortem.incident
            to = role_addresses(incident, IncidentRole.COMMANDER)
            to += [address for address in managers if address not in to]
            mail_queue(
                to=to,
                template="incidents/mail/postmortem_overdue",
                context={"postmortem": postmortem, "incident": incident, "now": now},
            )
            told = ", ".join(to) or "nobody"
            event(incident, EventKind.POSTMORTEM, None, f"Post-mortem overdue; told {told}", at=now)
            chased.append(postmortem.pk)
    return chased

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .actions import recipients
from .models import SlaClock
from .sweep import sweep


@periodic("sweep-sla-clocks", every=timedelta(minutes=1))
@task()
def sweep_sla_clocks() -> dict[str, int]:
    """Warn and breach due clocks (a scheduler job, every minute)."""
    result = sweep(timezone.now())
    return {"warned": len(result.warned), "breached": len(result.breached)}


@task()
def send_sla_notifications(kind: str, clock_ids: list[int]) -> int:
    """One mail per person with every clock of theirs that warned or breached."""
    clocks = list(
        SlaClock.objects.filter(id__in=clock_ids).select_related(
            "ticket__contract__plan", "ticket__queue__team__lead", "ticket__assignee"
        )
    )
    sent = 0
    for email, theirs in recipients(clocks, kind).items():
        context = {"kind": kind, "clocks": theirs, "site_url": settings.SITE_URL}
        send_mail(
            subject=f"SLA {kind}: {len(theirs)} ticket deadline(s)",
            message=render_to_string("sla/mail/notification.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
        sent += 1
    return sent

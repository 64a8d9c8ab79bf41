"""Tell team leads about short-staffed half hours, once per forecast run.

A finished run not yet alerted is claimed with one conditional UPDATE (`alerted_at` set
where it is still empty), so two schedulers never mail twice; the index
`forecastrun_to_alert` (finished_at, alerted_at) finds it. Each team lead gets one mail
listing the short half hours of their team's queues (the first 20, with the count)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F

from charterdesk.mail.outbox import mail_queue

from .models import ForecastInterval, ForecastRun

LISTED = 20


@dataclass
class AlertResult:
    runs: list[int] = field(default_factory=list)
    mailed: list[str] = field(default_factory=list)


def sweep(now: datetime) -> AlertResult:
    """The caller owns the transaction (the task runs it in one)."""
    result = AlertResult()
    pending = ForecastRun.objects.filter(finished_at__isnull=False, alerted_at__isnull=True)
    for run_id in pending.order_by("started_at").values_list("pk", flat=True)[:10]:
        taken = ForecastRun.objects.filter(pk=run_id, alerted_at__isnull=True).update(
            alerted_at=now
        )
        if taken != 1:
            continue  # another scheduler took it
        result.runs.append(run_id)
        result.mailed += _alert(run_id)
    return result


def _alert(run_id: int) -> list[str]:
    short = (
        ForecastInterval.objects.filter(
            forecast__run_id=run_id,
            team_scheduled__gt=F("on_shift"),
            forecast__queue__team__lead__isnull=False,
        )
        .select_related("forecast__queue__team__lead")
        .order_by("forecast__queue__team_id", "start", "forecast__queue_id")
    )
    by_lead: dict[int, list[ForecastInterval]] = {}
    for interval in short:
        by_lead.setdefault(interval.forecast.queue.team.lead_id or 0, []).append(interval)
    mailed = []
    for intervals in by_lead.values():
        lead = intervals[0].forecast.queue.team.lead
        if lead is None or not lead.is_active:
            continue
        mail_queue(
            to=lead.email,
            template="forecasting/mail/short_staffed",
            context={
                "lead": lead,
                "intervals": intervals[:LISTED],
                "count": len(intervals),
                "more": max(len(intervals) - LISTED, 0),
            },
        )
        mailed.append(lead.email)
    return mailed

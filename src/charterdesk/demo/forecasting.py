"""Demo forecasting: 12 weeks of solved Frontline requests (busy weekdays, a morning and
an afternoon peak, a price-change day three weeks ago), staffing settings, and a release
day ahead. Frontline's two agents on London hours cannot cover the weekday peaks, so the
forecast page shows short-staffed half hours. A first forecast is computed here (once: a
demo database that already has one keeps it), so a fresh `make run` shows figures at once;
the nightly job (or "Compute now") computes the next ones."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.forecasting import synthetic
from charterdesk.forecasting.models import (
    ForecastRun,
    PeakDay,
    QueueStaffing,
    StaffingModel,
    Trigger,
)
from charterdesk.forecasting.services import forecast_run
from charterdesk.plans.models import Contract
from charterdesk.routing.models import Queue
from charterdesk.tickets.models import Status, Ticket

from .seed import WORDS

ZONE = "Europe/London"
WEEKS = 12
PER_WEEK = 220
PRICE_CHANGE_DAYS_AGO = 20
HISTORY_MARK = "Seeded history"  # coverage_reason of the history tickets: made once


def add_demo(ref: Reference, now: datetime) -> None:
    queues = {q.name: q for q in Queue.objects.filter(name__in=["Frontline", "Incidents"])}
    if "Frontline" not in queues:
        return
    frontline = queues["Frontline"]
    QueueStaffing.objects.get_or_create(
        queue=frontline,
        defaults={
            "model": StaffingModel.DEFERRED,
            "timezone": ZONE,
            "aht_seconds": 420,
            "target_seconds": 4 * 3600,  # a reply within 4 hours
        },
    )
    if "Incidents" in queues:
        QueueStaffing.objects.get_or_create(
            queue=queues["Incidents"],
            defaults={"model": StaffingModel.REAL_TIME, "timezone": ZONE, "aht_seconds": 600},
        )
    today = now.astimezone(ZoneInfo(ZONE)).date()
    PeakDay.objects.get_or_create(
        day=today - timedelta(days=PRICE_CHANGE_DAYS_AGO),
        queue=frontline,
        defaults={"multiplier": 1.8, "note": "Price change mail to every customer"},
    )
    release = today + timedelta(days=(1 - today.weekday()) % 7 + 7)  # Tuesday next week
    PeakDay.objects.get_or_create(
        day=release, queue=None, defaults={"multiplier": 1.6, "note": "Release 5.0"}
    )
    if not Ticket.objects.filter(coverage_reason=HISTORY_MARK).exists():
        _history(frontline, today, now)
    if not ForecastRun.objects.exists():
        # On demand, not nightly: the night's scheduled run still happens.
        forecast_run(trigger=Trigger.ON_DEMAND, now=now)


def demo_shape(first: date) -> synthetic.Shape:
    """The demo's Frontline arrivals (the benchmark forecasts them too)."""
    return synthetic.Shape(
        per_week=PER_WEEK,
        growth=0.015,
        first_weekday=first.weekday(),
        peaks={WEEKS * 7 - PRICE_CHANGE_DAYS_AGO: 1.8},
    )


def _history(queue: Queue, today: date, now: datetime) -> None:
    first = today - timedelta(weeks=WEEKS)
    counts = synthetic.history(WEEKS * 7, demo_shape(first), seed=5)
    template = Ticket.objects.filter(queue=queue).order_by("id").first()
    requesters = list(Contact.objects.order_by("id")[:6])
    contracts = dict(
        Contract.objects.order_by("-starts_on").values_list("organization_id", "pk").reverse()
    )
    if template is None or not requesters:
        return
    rng = random.Random(17)  # noqa: S311 - demo data, not secrets
    zone = ZoneInfo(ZONE)
    rows = []
    for day, slot in zip(*np.nonzero(counts), strict=True):
        start = datetime.combine(first + timedelta(days=int(day)), time(0), tzinfo=zone)
        start += timedelta(minutes=30 * int(slot))
        for _ in range(int(counts[day, slot])):
            created = start + timedelta(seconds=rng.randint(0, 1799))
            if created >= now:
                continue
            requester = rng.choice(requesters)
            copy = _solved_copy(template, requester, created, rng)
            copy.contract_id = contracts.get(requester.organization_id or 0)
            rows.append(copy)
    Ticket.objects.bulk_create(rows, batch_size=2000)


def _solved_copy(
    template: Ticket, requester: Contact, created: datetime, rng: random.Random
) -> Ticket:
    fields = {
        f.attname: getattr(template, f.attname)
        for f in Ticket._meta.concrete_fields
        if not f.primary_key and not f.generated
    }
    solved = created + timedelta(hours=rng.uniform(1, 30))
    fields.update(
        subject=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} question",
        requester_id=requester.pk,
        organization_id=requester.organization_id,
        status=Status.CLOSED,
        assignee_id=None,
        created_at=created,
        updated_at=solved,
        first_replied_at=created + timedelta(minutes=rng.uniform(10, 240)),
        solved_at=solved,
        coverage_reason=HISTORY_MARK,
        first_reply_due_at=None,
        attention_at=solved,
    )
    return Ticket(**fields)

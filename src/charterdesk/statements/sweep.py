"""The monthly statement mail (a scheduler job, hourly): in the first days of a month, in
each contract's time zone, last month's statement goes to the contract's administrators."""

from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction

from charterdesk.plans.models import Contract

from .models import StatementMailing
from .months import Month, zone_of
from .services import statement_mail

MAIL_DAYS = 7  # days at the start of a month in which last month's statement is mailed
LAST_SAFE_DAY = 28  # from the 28th, some time zones may already be in the next month
BATCH = 200  # contracts per run; the job runs hourly, so large desks finish within a day


def mailing_days() -> int:
    return int(getattr(settings, "STATEMENT_MAIL_DAYS", MAIL_DAYS))


def due(now: datetime) -> list[tuple[Contract, Month]]:
    """Contracts with administrators whose previous month's statement is due and not yet
    mailed: it is one of the first days of the month in the contract's time zone, and the
    contract ran during the previous month."""
    utc_day = now.astimezone(UTC).day
    if mailing_days() + 1 < utc_day < LAST_SAFE_DAY:
        return []  # no time zone is in its first days: skip the scan
    candidates = []
    contracts = (
        Contract.objects.select_related("plan__calendar", "organization")
        .prefetch_related("administrators")
        .filter(administrators__isnull=False)
        .distinct()
        .order_by("id")
    )
    for contract in contracts:
        local = now.astimezone(zone_of(contract)).date()
        if local.day > mailing_days():
            continue
        last = Month.of(local).previous()
        ran_during = contract.starts_on < last.next().first_day and (
            contract.ends_on is None or contract.ends_on >= last.first_day
        )
        if ran_during:
            candidates.append((contract, last))
    sent = set(
        StatementMailing.objects.filter(
            contract__in=[c for c, _ in candidates], month__in={m.first_day for _, m in candidates}
        ).values_list("contract_id", "month")
    )
    return [(c, m) for c, m in candidates if (c.pk, m.first_day) not in sent][:BATCH]


def mail_due_statements(now: datetime) -> list[int]:
    """Mail every due statement, each contract in its own transaction; the ids recorded."""
    mailed = []
    for contract, month in due(now):
        with transaction.atomic():
            mailing = statement_mail(contract, month, now)
        if mailing is not None:
            mailed.append(mailing.pk)
    return mailed

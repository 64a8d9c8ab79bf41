"""Publishing a plan, and changing a published plan through versions: a draft version
copies the terms in effect, is edited, and is published with the day it takes effect
(today or later). On that day (`version_apply`, called by plans.sweep, or at once when
published for today) its terms become the plan's, and `plan_version_applied` tells the
apps above (sla keeps or recomputes the clocks of open tickets and writes each ticket's
history). Called by the settings pages and the configuration API; the caller owns the
transaction. Audit entries come from `audit(Plan)` and `audit(PlanVersion)`."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from .choices import ClockPolicy
from .hooks import plan_version_applied
from .models import Plan, PlanStatus, PlanVersion
from .rules import PUBLISHED_VERSION_MESSAGE, check_publishable
from .terms import PlanTerms, terms_apply


def plan_today(plan: Plan, now: datetime) -> date:
    """The day it is in the plan's calendar time zone: a version takes effect at its
    midnight."""
    return now.astimezone(ZoneInfo(plan.calendar.timezone or "UTC")).date()


def plan_publish(*, plan: Plan, now: datetime | None = None) -> Plan:
    """A draft plan goes on the coverage page and can be sold: its terms are version 1 (a
    published version row, in effect from today). The one way to publish a plan: the
    settings page, the configuration API and an import all call it, so each leaves the
    same rows. The caller locks the plan row (select_for_update) and owns the transaction.
    A plan that decides nothing yet (no coverage row) is half-finished: refused."""
    if plan.status == PlanStatus.PUBLISHED:
        raise ValidationError({"status": "This plan is already published."})
    check_publishable(plan)
    now = now or timezone.now()
    plan.status, plan.published_at, plan.version = PlanStatus.PUBLISHED, now, 1
    plan.save()
    _first_version(plan, now)
    return plan


def _first_version(plan: Plan, now: datetime) -> PlanVersion:
    """The version in effect as a row, for plans published before versions (or by hand).
    Its terms are read back from the database, so they are written as stored (20.00, not
    the 20 a caller set) whoever published the plan."""
    stored = Plan.objects.prefetch_related("coverages", "targets").get(pk=plan.pk)
    version, _ = PlanVersion.objects.get_or_create(
        plan=plan,
        number=plan.version,
        defaults={
            "status": PlanStatus.PUBLISHED,
            "effective_from": plan_today(plan, plan.published_at or now),
            "terms": PlanTerms.of(stored).to_json(),
            "published_at": plan.published_at or now,
            "applied_at": plan.published_at or now,
        },
    )
    return version


def plan_version_create(*, plan: Plan, now: datetime | None = None) -> PlanVersion:
    """A draft version of a published plan, a copy of the terms in effect. A plan has at
    most one version waiting (a draft, or published for a later day)."""
    if plan.status != PlanStatus.PUBLISHED:
        raise ValidationError(
            {"status": "This plan is a draft: change its terms in place, then publish it."}
        )
    if PlanVersion.objects.filter(plan=plan, applied_at__isnull=True).exists():
        raise ValidationError(
            {"status": "This plan has a version waiting already: change or discard that one first."}
        )
    now = now or timezone.now()
    _first_version(plan, now)
    last = PlanVersion.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0
    return PlanVersion.objects.create(
        plan=plan,
        number=max(last, plan.version) + 1,
        terms=PlanTerms.of(plan).to_json(),
        created_at=now,
    )


def plan_version_save(
    *,
    version: PlanVersion,
    terms: PlanTerms,
    effective_from: date | None = None,
    clocks: str | None = None,
    now: datetime | None = None,
) -> PlanVersion:
    """New terms for a draft version (a published one refuses in its `clean`), and, when
    given, the day it is meant to take effect and what it does to open tickets' clocks
    (publishing takes them unless it is given others)."""
    if version.status != PlanStatus.DRAFT:
        raise ValidationError({"status": PUBLISHED_VERSION_MESSAGE})
    errors = _schedule_errors(version, effective_from, clocks, now or timezone.now())
    if errors:
        raise ValidationError(errors)
    terms.check()
    version.terms = terms.to_json()
    version.effective_from = effective_from or version.effective_from
    version.clocks = clocks or version.clocks
    version.save()
    return version


def _schedule_errors(
    version: PlanVersion, effective_from: date | None, clocks: str | None, now: datetime
) -> dict[str, str]:
    errors = {}
    today = plan_today(version.plan, now)
    if effective_from is not None and effective_from < today:
        errors["effective_from"] = f"Choose today ({today:%-d %b %Y}) or a later day."
    if clocks is not None and clocks not in ClockPolicy.values:
        errors["clocks"] = "Choose whether open tickets keep or recompute their clocks."
    return errors


def plan_version_publish(
    *,
    version: PlanVersion,
    effective_from: date | None,
    clocks: str | None,
    now: datetime | None = None,
) -> PlanVersion:
    """Publish a draft version to take effect on `effective_from` (today or later, in the
    plan's time zone; None: the day saved on the draft); published for today, it applies
    at once. The caller locks the plan row, then the version's, and owns the transaction:
    of two publishes at once, the second finds the version published."""
    now = now or timezone.now()
    effective_from = effective_from or version.effective_from
    clocks = clocks or version.clocks
    errors = _schedule_errors(version, effective_from, clocks, now)
    if version.status != PlanStatus.DRAFT:
        errors = {"status": "This version is published already."}
    elif effective_from is None:
        errors["effective_from"] = "Choose the day it takes effect (today or later)."
    if errors:
        raise ValidationError(errors)
    assert effective_from is not None and clocks is not None  # noqa: S101 - checked above
    PlanTerms.from_json(version.plan, version.terms).check()
    version.status, version.published_at = PlanStatus.PUBLISHED, now
    version.effective_from, version.clocks = effective_from, clocks
    version.save()
    if effective_from <= plan_today(version.plan, now):
        version_apply(version, now)
    return version


def plan_version_discard(*, version: PlanVersion) -> None:
    """Drop a draft version (a published one is kept for the record)."""
    if version.status != PlanStatus.DRAFT:
        raise ValidationError(
            {"status": "A published version is kept: it is what customers were promised."}
        )
    version.delete()


def version_apply(version: PlanVersion, now: datetime) -> bool:
    """Make a published version the plan's terms, once: the version is claimed with a
    conditional UPDATE, so of two schedulers (or a publish and a sweep) only one applies
    it, and the other gets False. Inside the caller's transaction."""
    claimed = PlanVersion.objects.filter(
        pk=version.pk, status=PlanStatus.PUBLISHED, applied_at__isnull=True
    ).update(applied_at=now)
    if not claimed:
        return False
    version.applied_at = now
    plan = Plan.objects.select_for_update().select_related("calendar").get(pk=version.plan_id)
    plan.version = version.number
    terms_apply(plan, PlanTerms.from_json(plan, version.terms))
    version.plan = plan
    plan_version_applied.announce(version)
    return True

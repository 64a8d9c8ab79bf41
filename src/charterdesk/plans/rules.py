"""What a valid plan and a valid contract are: the one set of rules that the settings
pages, the Django admin, the API and the demo data all meet (through `clean()`, which
`CheckedModel` runs on every save), with words a support manager understands."""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q

from charterdesk.core.moments import EARLIEST, LATEST
from charterdesk.core.vocabulary import Channel

from .choices import PlanStatus, SlaAction

# Contracts run within the years every date of CharterDesk keeps to (core.moments): no
# contract of 1900 or of 9999.
FIRST_DAY = EARLIEST.date()
LAST_DAY = LATEST.date() - timedelta(days=1)
# A target longer than a year of business minutes is a typing error.
MAX_TARGET_MINUTES = 525_600

not_negative = MinValueValidator(Decimal(0), message="Use zero or more.")


def _listed(value: Any, allowed: Iterable[str], labels: dict[str, str], what: str) -> str | None:
    """Why `value` is not a list of distinct allowed values, or None."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return f"Choose {what} from the list."
    allowed = list(allowed)
    unknown = [item for item in value if item not in allowed]
    if unknown:
        known = ", ".join(labels[item] for item in allowed)
        return f"“{unknown[0]}” is not one of the {what} CharterDesk knows ({known})."
    if len(set(value)) != len(value):
        return f"Each of the {what} once, please."
    return None


def check_plan(plan: Any) -> None:
    """Channels and SLA actions from the valid values, a currency code."""
    errors: dict[str, str] = {}
    channel_labels = {value: str(label) for value, label in Channel.choices}
    action_labels = {value: str(label) for value, label in SlaAction.choices}
    problem = _listed(plan.channels, Channel.values, channel_labels, "channels")
    if problem is None and not plan.channels:
        problem = "Offer at least one channel."
    if problem:
        errors["channels"] = problem
    for field in ("sla_warning_actions", "sla_breach_actions"):
        problem = _listed(getattr(plan, field), SlaAction.values, action_labels, "SLA actions")
        if problem:
            errors[field] = problem
    currency = plan.currency or ""
    if not (
        len(currency) == 3 and currency.isascii() and currency.isalpha() and currency.isupper()
    ):
        errors["currency"] = "Use a three-letter currency code such as EUR, USD or GBP."
    if errors:
        raise ValidationError(errors)


PUBLISHED_VERSION_MESSAGE = (
    "This version is published: its terms are what customers were promised from its date, "
    "so it cannot be changed. Draft a new version instead."
)
VERSIONED = ("plan_id", "number", "status", "effective_from", "clocks", "terms")


def check_version(version: Any) -> None:
    """A published plan version is never changed; a date within the years CharterDesk
    keeps to; versions belong to published plans (a draft plan is edited in place)."""
    if version.pk is not None:
        stored = type(version)._default_manager.filter(pk=version.pk).values(*VERSIONED).first()
        if stored is not None and stored["status"] == PlanStatus.PUBLISHED:
            if any(getattr(version, name) != stored[name] for name in VERSIONED):
                raise ValidationError(PUBLISHED_VERSION_MESSAGE)
            return
    day = version.effective_from
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        between = f"{FIRST_DAY:%d %b %Y} and {LAST_DAY:%d %b %Y}"
        raise ValidationError({"effective_from": f"Choose a day between {between}."})
    if version.plan_id is not None and version.plan.status != PlanStatus.PUBLISHED:
        raise ValidationError(
            {"plan": "This plan is a draft: change it in place; versions are for published plans."}
        )


def check_contract(contract: Any) -> None:
    """Dates within range, the end after the start, no overlap with another period of the
    same organization."""
    errors: dict[str, str] = {}
    start, end = contract.starts_on, contract.ends_on
    if start is not None and not FIRST_DAY <= start <= LAST_DAY:
        errors["starts_on"] = (
            f"Choose a start between {FIRST_DAY:%d %b %Y} and {LAST_DAY:%d %b %Y}."
        )
    if end is not None and end > LAST_DAY:
        errors["ends_on"] = f"Choose an end on or before {LAST_DAY:%d %b %Y}, or leave it open."
    elif start is not None and end is not None and end <= start:
        errors["ends_on"] = "The contract must end after it starts."
    if contract.plan_id is not None and contract.plan.status != PlanStatus.PUBLISHED:
        errors["plan"] = "This plan is a draft: publish it before a contract uses it."
    if not errors and start is not None and contract.organization_id is not None:
        clash = overlapping(contract)
        if clash is not None:
            errors["starts_on"] = (
                f"This period overlaps the organization's contract {clash.period_text()}; "
                "end that one first or start this one after it."
            )
    if errors:
        raise ValidationError(errors)


def overlapping(contract: Any) -> Any:
    """Another contract of the same organization whose period overlaps, or None."""
    others = type(contract)._default_manager.filter(organization_id=contract.organization_id)
    if contract.pk is not None:
        others = others.exclude(pk=contract.pk)
    others = others.filter(models_q_overlap(contract.starts_on, contract.ends_on))
    return others.order_by("starts_on").first()


def models_q_overlap(start: date, end: date | None) -> Q:
    """Periods (inclusive dates, an open end runs forever) that meet [start, end]."""
    meets_start = Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    return meets_start if end is None else meets_start & Q(starts_on__lte=end)


def check_contacts_belong(organization_id: int | None, contacts: Iterable[Any], field: str) -> None:
    """Authorized contacts and administrators are the organization's own contacts."""
    strangers = [c for c in contacts if c.organization_id != organization_id]
    if strangers:
        names = ", ".join(str(c.email) for c in strangers[:3])
        raise ValidationError(
            {field: f"Only contacts of the contract's organization can be chosen; not {names}."}
        )


def next_period(start: date, end: date) -> tuple[date, date]:
    """The period after [start, end], starting the day after the end: as many whole
    months when the period is whole months (a year stays a year across a leap year),
    else as many days."""
    following = end + timedelta(days=1)
    if start.day != 1 or following.day != 1:
        return following, following + (end - start)
    months = (following.year - start.year) * 12 + following.month - start.month
    index = following.year * 12 + following.month - 1 + months
    return following, date(index // 12, index % 12 + 1, 1) - timedelta(days=1)


def check_publishable(plan: Any) -> None:
    """A plan that decides nothing yet (no coverage row) is half-finished: publishing it
    would put an empty plan on the public coverage page. Every way to publish asks this."""
    if not plan.coverages.exists():
        raise ValidationError(
            {"coverages": "Decide what the plan covers for at least one request type first."}
        )

"""Onboarding: when a contract starts, the playbook marked default for onboarding runs on
its organization, once per contract (a sweep; `Onboarding` has one row per contract, so
two schedulers never run it twice)."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from charterdesk.plans.models import Contract

from .models import Onboarding, Playbook
from .runs import run_start

# Contracts that started within this many days are onboarded (older ones were before
# customer success existed, or were onboarded by hand).
LOOK_BACK = timedelta(days=14)
BATCH = 100


def default_onboarding() -> Playbook | None:
    return (
        Playbook.objects.filter(default_for_onboarding=True, live_version__isnull=False)
        .select_related("live_version")
        .first()
    )


def onboard_new_contracts(now: datetime) -> list[int]:
    """Run the default onboarding playbook for each contract that started lately and was
    not onboarded yet; the ids of the runs started."""
    playbook = default_onboarding()
    if playbook is None or playbook.live_version is None:
        return []
    today = now.date()
    due = (
        Contract.objects.filter(
            starts_on__lte=today,
            starts_on__gte=today - LOOK_BACK,
            created_at__gte=playbook.created_at - LOOK_BACK,
            onboarding__isnull=True,
        )
        .select_related("organization__relationship_manager")
        .order_by("starts_on", "pk")[:BATCH]
    )
    started = []
    for contract in due:
        try:
            with transaction.atomic():
                claim = Onboarding.objects.create(contract=contract, created_at=now)
                run = run_start(
                    version=playbook.live_version,
                    organization=contract.organization,
                    actor=None,
                    agent=contract.relationship_manager,
                    now=now,
                )
                claim.run = run
                claim.save(update_fields=["run"])
        except IntegrityError:
            continue  # another scheduler claimed it
        started.append(run.pk)
    return started

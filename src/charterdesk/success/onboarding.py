"""Onboarding: when a contract starts, the playbook marked default for onboarding runs on
its organization, once per contract (a sweep; `Onboarding` has one row per contract, so
two schedulers never run it twice). Without a default (none yet, or it was unpublished),
the built-in onboarding playbook below is created on first use, published and made the
default; managers edit it like any other."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from charterdesk.plans.models import Contract

from . import playbooks
from .models import Onboarding, OwnerRole, Playbook, Situation
from .runs import run_start

# Contracts that started within this many days are onboarded (older ones were before
# customer success existed, or were onboarded by hand).
LOOK_BACK = timedelta(days=14)
BATCH = 100


BUILT_IN = playbooks.Content(
    title="Onboarding a new customer",
    situation=Situation.ONBOARDING,
    summary="The first weeks of a new contract: meet the team, set up access, check the "
    "first tickets, agree when to review the account.",
    script=(
        "**You:** Welcome aboard! Who will open requests on your side, and what matters "
        "most to you in the first month?\n\n**You:** Here is how to reach us and what your "
        "plan covers."
    ),
    steps=[
        playbooks.StepIn("Kick-off call", OwnerRole.RELATIONSHIP_MANAGER, 0,
                         "Introduce the team, the portal and the plan."),
        playbooks.StepIn("Check the authorized contacts", OwnerRole.ASSIGNED_AGENT, 2),
        playbooks.StepIn("Review the first tickets", OwnerRole.ASSIGNED_AGENT, 10),
        playbooks.StepIn("Schedule the first account review", OwnerRole.RELATIONSHIP_MANAGER, 15),
    ],
    templates=[
        playbooks.TemplateIn(
            "Welcome",
            "Welcome to support, {organization}",
            "Hello {contact_first_name},\n\nwelcome! Your plan: {plan}. Open requests at "
            "{portal_link}.\n\n{relationship_manager}",
        )
    ],
    change_note="Built in",
)  # fmt: skip


def default_onboarding() -> Playbook | None:
    """The default onboarding playbook; the built-in one is created on first use."""
    found = (
        Playbook.objects.filter(
            default_for_onboarding=True, live_version__isnull=False, archived_at__isnull=True
        )
        .select_related("live_version")
        .first()
    )
    return found or _create_built_in()


def _create_built_in() -> Playbook | None:
    """Publish the built-in playbook and make it the default (unless a default exists: one
    that is unpublished is left to its writers; a concurrent scheduler may win)."""
    if Playbook.objects.filter(default_for_onboarding=True).exists():
        return None
    try:
        with transaction.atomic():
            playbook = playbooks.playbook_create(actor=None, content=BUILT_IN)
            playbooks.playbook_publish(playbook=playbook, actor=None)
            playbook.default_for_onboarding = True
            playbook.save(update_fields=["default_for_onboarding"])
    except IntegrityError:
        return None  # another scheduler made it
    return playbook


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

"""Background SLA work: the periodic sweep, and recomputing a contract's clocks."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .replan import contract_replan, plan_version_replan
from .sweep import sweep


@periodic("sweep-sla-clocks", every=timedelta(minutes=1))
@task()
def sweep_sla_clocks() -> dict[str, int]:
    """Warn and breach due clocks (a scheduler job, every minute)."""
    result = sweep(timezone.now())
    return {"warned": len(result.warned), "breached": len(result.breached)}


@task()
def recompute_contract_clocks(contract_id: int) -> int:
    """A contract's plan or terms changed: recompute the running SLA deadlines of its open
    tickets from each clock's start, one ticket per transaction."""
    return contract_replan(contract_id)


@task()
def follow_plan_version(version_id: int) -> int:
    """A plan version took effect: the plan's open tickets keep or recompute their clocks,
    as the version says, each with a line in its history."""
    return plan_version_replan(version_id)

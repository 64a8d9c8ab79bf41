from django_tasks import task

from .import_runs import import_run_execute


@task()
def import_tickets(run_id: int) -> dict[str, object]:
    """Import the past tickets a manager uploaded (import_runs)."""
    run = import_run_execute(run_id)
    return {"run": run_id, "status": run.status if run else "skipped"}

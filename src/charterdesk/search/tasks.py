"""Background work of search: merging the SQLite full-text index (merge.py)."""

from datetime import timedelta

from django_tasks import task

from charterdesk.core.schedule import periodic

from .merge import merge_all


@periodic("merge-search-index", every=timedelta(minutes=1))
@task()
def merge_search_index() -> dict[str, int]:
    """SQLite: merge the FTS5 tables' new segments (a scheduler job, every minute)."""
    return merge_all()

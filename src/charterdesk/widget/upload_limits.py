"""How many files visitors without a token may send through the widget in an hour: per
client address (WIDGET_VISITOR_FILES_PER_ADDRESS) and per widget key
(WIDGET_VISITOR_FILES_PER_KEY), the files of requests and replies alike. A signed-in
contact is not limited here (their vendor vouched for them).

Each count is one `INSERT … ON CONFLICT DO UPDATE … RETURNING` of a counter per scope and
clock hour (SQLite and PostgreSQL alike), in the caller's transaction: a refused upload
rolls back with it and is not counted. Past the limit: RateLimitError, which the widget
answers with 429 problem+json and Retry-After (the frame shows the message in the form)."""

from datetime import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from charterdesk.core.limits import RateLimitError

from .models import UploadCount, WidgetKey

HOUR = 3600
_UPSERT = (  # the table of UploadCount
    "INSERT INTO widget_uploadcount (scope, hour, count) VALUES (%s, %s, %s) "
    "ON CONFLICT (scope, hour) DO UPDATE SET count = widget_uploadcount.count + "
    "EXCLUDED.count RETURNING count"
)


def _count(scope: str, hour: int, files: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [scope[:80], hour, files])
        return int(cursor.fetchone()[0])


def visitor_files_count(
    *, key: WidgetKey, client: str, files: int, now: datetime | None = None
) -> None:
    """Count `files` a visitor sends through `key` from `client` (their address); no
    files, no count. RateLimitError, saying when they may go on, past either limit."""
    if files <= 0:
        return
    seconds = int((now or timezone.now()).timestamp())
    hour = seconds // HOUR
    wait = (hour + 1) * HOUR - seconds
    minutes = max(1, wait // 60)
    per_address = int(settings.WIDGET_VISITOR_FILES_PER_ADDRESS)
    if client and _count(f"ip:{client}", hour, files) > per_address:
        raise RateLimitError(
            f"Files from your network reached the limit of {per_address} an hour; send "
            f"your message without files now, or try again in {minutes} min.",
            retry_after=wait,
        )
    per_key = int(settings.WIDGET_VISITOR_FILES_PER_KEY)
    if _count(f"key:{key.pk}", hour, files) > per_key:
        raise RateLimitError(
            f"This help widget takes no more files from visitors this hour; send your "
            f"message without files now, or try again in {minutes} min.",
            retry_after=wait,
        )


def upload_counts_prune(now: datetime) -> int:
    """Forget the counts of past hours (the widget's sweep)."""
    deleted, _ = UploadCount.objects.filter(hour__lt=int(now.timestamp()) // HOUR).delete()
    return deleted

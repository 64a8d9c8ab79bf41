"""What the forum's pages share: who reads, which page of a list."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from charterdesk.accounts.models import User

from ..services.activity import visit_record

VISIT_KEY = "community_visited_on"


def reader_of(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


def slice_page(rows: list, size: int) -> tuple[list, bool]:
    """The first `size` rows of a `size + 1` read, and whether there is a next page."""
    return rows[:size], len(rows) > size


def note_visit(request: HttpRequest) -> None:
    """Count today as a day the signed-in reader visited the forum: the session remembers
    the day, so this writes at most once per reader and day."""
    reader = reader_of(request)
    if reader is None or not hasattr(request, "session"):
        return
    today = timezone.localdate().isoformat()
    if request.session.get(VISIT_KEY) == today:
        return
    with transaction.atomic():
        visit_record(user=reader, day=timezone.localdate())
    request.session[VISIT_KEY] = today

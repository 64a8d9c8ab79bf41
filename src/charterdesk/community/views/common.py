"""What the forum's pages share: who reads, which page of a list."""

from django.http import HttpRequest

from charterdesk.accounts.models import User


def reader_of(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


def slice_page(rows: list, size: int) -> tuple[list, bool]:
    """The first `size` rows of a `size + 1` read, and whether there is a next page."""
    return rows[:size], len(rows) > size

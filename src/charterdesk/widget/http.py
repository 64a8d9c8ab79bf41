"""What every widget endpoint shares: problem+json answers, the key a request names and
the reader it stands for. The widget never looks at the site's session cookie: a request
is either a widget session's (Authorization: Bearer wgs_...) or a public visitor's."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, JsonResponse

from charterdesk.accounts.models import User

from .models import WidgetKey, WidgetSession
from .selectors import live_key, session_of

TITLES = {
    400: "Bad request",
    401: "Not signed in to the widget",
    404: "Not found",
    422: "Invalid",
    429: "Too many requests",
}


def problem(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status, content_type="application/problem+json")


@dataclass(frozen=True)
class Caller:
    key: WidgetKey
    session: WidgetSession | None

    @property
    def reader(self) -> User | AnonymousUser:
        """Whose eyes the widget reads with: the session's contact, or a public visitor."""
        if self.session is None:
            return AnonymousUser()
        user = self.session.contact.user
        assert user is not None  # noqa: S101 - the exchange gave the contact a user
        return user

    @property
    def user(self) -> User | None:
        """The signed-in contact's user, or None for a public visitor."""
        return None if self.session is None else self.reader  # type: ignore[return-value]


class WidgetAccessError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def caller_of(request: HttpRequest) -> Caller:
    """The key (X-Widget-Key) and, with a bearer token, the session of a widget request;
    WidgetAccessError for an unknown or revoked key, or a token that is no live session of it."""
    key = live_key(request.headers.get("X-Widget-Key", "") or request.GET.get("key", ""))
    if key is None:
        raise WidgetAccessError(404, "No live widget key by this id.")
    scheme, _, bearer = request.headers.get("Authorization", "").partition(" ")
    if not bearer:
        return Caller(key, None)
    session = session_of(bearer.strip()) if scheme.lower() == "bearer" else None
    if session is None or session.key_id != key.pk:
        raise WidgetAccessError(401, "The widget session has ended; open the widget again.")
    return Caller(key, session)

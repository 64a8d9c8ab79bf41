"""Who is reading the help center: a signed-in person or a browser (a random cookie), and
in which language."""

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from charterdesk.accounts.models import User

COOKIE = "cd_visitor"
YEAR = 365 * 24 * 3600


def reader_of(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def visitor_key(request: HttpRequest) -> str:
    """`user:<id>` for a signed-in reader, else `browser:<cookie>` (made on first visit)."""
    user = reader_of(request)
    if user is not None:
        return f"user:{user.pk}"
    key = request.COOKIES.get(COOKIE, "")
    if not (key.isalnum() and 16 <= len(key) <= 40):
        key = getattr(request, "_new_visitor", "") or secrets.token_hex(12)
        request._new_visitor = key  # type: ignore[attr-defined]
    return f"browser:{key}"


def keep_visitor(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    new = getattr(request, "_new_visitor", "")
    if new:
        response.set_cookie(COOKIE, new, max_age=YEAR, httponly=True, samesite="Lax")
    return response


def language_of(request: HttpRequest) -> str:
    """?lang=de, else the browser's first language, else the site's."""
    asked = request.GET.get("lang", "") or request.headers.get("Accept-Language", "")
    code = asked.split(",")[0].split(";")[0].split("-")[0].strip().lower()
    return code if code.isalpha() and len(code) == 2 else settings.LANGUAGE_CODE

"""POST /widget/api/session: the loader, running on the vendor's page, exchanges the
vendor's signed token for a widget session. The browser sends the vendor page's `Origin`,
which must be one of the key's allowed origins; CORS lets only those origins read the
answer."""

import json

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .http import problem
from .origins import cors_for
from .selectors import live_key
from .services import session_exchange
from .tokens import TokenRefusedError, key_of


def _allowed_origins(token: object) -> list[str]:
    """The origins CORS may name in an answer about this token (none when its key is
    unknown): a refused site cannot read even why it was refused."""
    if not isinstance(token, str):
        return []
    try:
        return key_of(token).allowed_origins
    except TokenRefusedError:
        return []


def _token_of(request: HttpRequest) -> object:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    return body.get("token") if isinstance(body, dict) else None


@csrf_exempt
def session(request: HttpRequest) -> HttpResponse:
    origin = request.headers.get("Origin")
    if request.method == "OPTIONS":
        key = live_key(request.GET.get("key", ""))
        return cors_for(HttpResponse(status=204), origin, key.allowed_origins if key else [])
    if request.method != "POST":
        return problem(request, 400, 'POST the vendor\'s token as {"token": "..."}.')
    token = _token_of(request)
    try:
        with transaction.atomic(durable=True):
            new = session_exchange(token=token, origin=origin)  # type: ignore[arg-type]
    except TokenRefusedError as exc:
        response: HttpResponse = problem(request, 401, exc.reason)
        response["WWW-Authenticate"] = 'Bearer realm="charterdesk-widget"'
        return cors_for(response, origin, _allowed_origins(token))
    contact = new.session.contact
    body = {
        "session": new.token,
        "expires_at": new.session.expires_at.isoformat(),
        "contact": {"name": contact.name, "email": contact.email},
    }
    return cors_for(JsonResponse(body), origin, new.session.key.allowed_origins)

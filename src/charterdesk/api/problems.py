"""Errors as RFC 9457 problem details (application/problem+json) with field messages."""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import lacks_admin_scope
from charterdesk.core.limits import RateLimitError
from charterdesk.core.outage import DATABASE_DOWN, outage_response

log = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}


def problem(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="charterdesk"'
    return response


def _field_name(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "body"


def _ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(list(error.get("loc", []))), []).append(error["msg"])
    return problem(request, 422, "Some fields are not valid.", errors)


def _django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {("type" if k == "request_type" else k): v for k, v in exc.message_dict.items()}
        return problem(request, 422, "Some fields are not valid.", errors)
    return problem(request, 422, " ".join(exc.messages))


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, NinjaValidationError):  # a body with invalid text (parser.py)
        return _ninja_validation(request, exc.__cause__)
    return problem(request, exc.status_code, str(exc))


def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return problem(request, 413, f"The request body is larger than {limit}; nothing was changed.")


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API error on %s", request.path, exc_info=exc)
    return problem(request, 500, "Something went wrong on our side; nothing was changed.")


def _database_down(request: HttpRequest, exc: Exception) -> HttpResponse:
    return outage_response(request, exc)


def _rate_limited(request: HttpRequest, exc: RateLimitError) -> HttpResponse:
    response = problem(request, 429, str(exc))
    response["Retry-After"] = str(exc.retry_after)
    return response


def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or "Not allowed."
    user = getattr(request, "auth", None)
    if isinstance(user, User) and lacks_admin_scope(user):
        detail += " This token lacks the `admin` scope, which your role may hold."
    return problem(request, 403, detail)


def install(api: NinjaAPI) -> None:
    handlers: dict[type[Exception], Any] = {
        NinjaValidationError: _ninja_validation,
        DjangoValidationError: _django_validation,
        AuthenticationError: lambda r, e: problem(r, 401, "Send a valid bearer token."),
        PermissionDenied: _forbidden,
        ObjectDoesNotExist: lambda r, e: problem(r, 404, "No such resource."),
        Http404: lambda r, e: problem(r, 404, "No such resource."),
        HttpError: _http_error,
        RequestDataTooBig: _too_big,
        RateLimitError: _rate_limited,
        Exception: _server_error,
    }
    handlers.update(dict.fromkeys(DATABASE_DOWN, _database_down))
    for exc_class, handler in handlers.items():
        api.add_exception_handler(exc_class, handler)

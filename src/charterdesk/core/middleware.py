"""Pages refuse input no database can hold before any view reads it, where no form can.

The path and every query-string parameter: a NUL character (PostgreSQL cannot store it) or
a lone surrogate answers 400 with a page naming the parameter, and a body over
DATA_UPLOAD_MAX_MEMORY_SIZE answers 413. A form post's fields are left to its form, which
shows the error next to the field with what was typed kept (Django's `CharField` refuses a
NUL; a form post cannot carry a lone surrogate, Django decodes invalid UTF-8 to U+FFFD).
The API (under /api/) checks the same in its parser and answers problem+json instead.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from .validators import invalid_text_reason, printable

API_PREFIX = "/api/"


def _first_invalid(request: HttpRequest) -> tuple[str, str] | None:
    """(field, reason) for the first text that cannot be stored, or None."""
    reason = invalid_text_reason(request.path_info)
    if reason:
        return "address", reason
    if request.method == "POST":
        request.POST  # noqa: B018 -- reads the body now: one over the limit answers 413
    for key, values in request.GET.lists():
        for text in (key, *values):
            reason = invalid_text_reason(text)
            if reason:
                return printable(key), reason
    return None


class RefuseInvalidInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        try:
            invalid = _first_invalid(request)
        except RequestDataTooBig:
            limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            return render(request, "core/too_large.html", {"limit": limit}, status=413)
        if invalid:
            field, reason = invalid
            context = {"field": field, "reason": reason}
            return render(request, "core/invalid_input.html", context, status=400)
        return self.get_response(request)

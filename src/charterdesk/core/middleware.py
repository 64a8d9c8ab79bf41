"""Pages refuse input no database can hold before any view reads it.

Every field of every form, every query-string parameter and the path itself: a NUL
character (PostgreSQL cannot store it) answers 400 with a page naming the field, and a
body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413. The API (under /api/) checks the same in
its parser and answers problem+json instead.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from .validators import invalid_text_reason, printable

API_PREFIX = "/api/"


def _first_invalid(request: HttpRequest) -> tuple[str, str] | None:
    """(field, reason) for the first text that cannot be stored, or None."""
    reason = invalid_text_reason(request.path_info)
    if reason:
        return "address", reason
    sources: list[QueryDict] = [request.GET]
    if request.method == "POST":
        sources.append(request.POST)
    for data in sources:
        for key, values in data.lists():
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

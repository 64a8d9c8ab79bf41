"""The loader script a vendor's page includes, the iframe's shell page, and its home."""

from functools import cache
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .content_views import widget_call
from .http import Caller
from .origins import frame_from
from .selectors import live_key

LOADER = Path(__file__).parent / "static" / "widget" / "loader.js"


@cache
def loader_source() -> bytes:
    return LOADER.read_bytes()


@require_GET
def loader(request: HttpRequest) -> HttpResponse:
    """/widget/loader.js: the one file the host page loads (GZipMiddleware or the proxy
    compresses it; bench/RESULTS.md has its size)."""
    response = HttpResponse(loader_source(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"  # public code, no credentials
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_GET
def frame(request: HttpRequest) -> HttpResponse:
    """/widget/frame/?key=KID: the iframe, framable by the key's allowed origins only."""
    key = live_key(request.GET.get("key", ""))
    if key is None:
        raise Http404("No live widget key by this id.")
    config = {
        "key": key.kid,
        "origins": key.allowed_origins,
        "urls": {"search": reverse("widget:search"), "suggest": reverse("widget:suggest")},
    }
    response = render(request, "widget/frame.html", {"key": key, "config": config})
    response["Referrer-Policy"] = "no-referrer"
    return frame_from(response, key.allowed_origins)


@widget_call
def home(request: HttpRequest, caller: Caller) -> HttpResponse:
    return render(request, "widget/_home.html", {"key": caller.key})

"""View decorators: who may open which part of the site."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def agent_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_agent:  # type: ignore[union-attr]
            raise PermissionDenied("The agent workspace is for support staff.")
        return view(request, *args, **kwargs)

    return wrapper


def contact_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "contact", None) is None:
            raise PermissionDenied("The portal is for contacts of a customer organization.")
        return view(request, *args, **kwargs)

    return wrapper

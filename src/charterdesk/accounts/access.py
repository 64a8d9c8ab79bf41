"""View decorators: who may open which part of the site."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .auth import signed_in_user
from .models import User

View = Callable[..., HttpResponse]


def is_contact(user: User) -> bool:
    """The user is a contact of a customer (the customers app links a contact to its user
    one-to-one, as `user.contact`)."""
    return hasattr(user, "contact")


def agent_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not signed_in_user(request).is_agent:
            raise PermissionDenied("The agent workspace is for support staff.")
        return view(request, *args, **kwargs)

    return wrapper


def contact_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_contact(signed_in_user(request)):
            raise PermissionDenied("The portal is for contacts of a customer organization.")
        return view(request, *args, **kwargs)

    return wrapper

"""View decorators: who may open which part of the site."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

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


def staff_permission_required(perm: str) -> Callable[[View], View]:
    """A page for staff who hold `perm`: other staff get 403 with the reason; customers
    get 404, so the settings area stays out of their sight."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = signed_in_user(request)
            if not user.is_agent:
                raise Http404("No such page.")
            if not user.has_perm(perm):
                raise PermissionDenied("The settings are for support managers and administrators.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def contact_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_contact(signed_in_user(request)):
            raise PermissionDenied("The portal is for contacts of a customer organization.")
        return view(request, *args, **kwargs)

    return wrapper

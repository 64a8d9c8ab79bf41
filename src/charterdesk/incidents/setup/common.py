"""What the set-up views share: run one service in a savepoint and show its errors on
the form, and whether the signed-in user may change the set-up."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors

T = TypeVar("T")


def can_manage(request: HttpRequest) -> bool:
    return signed_in_user(request).has_perm(Perm.MANAGE_SERVICES)


def run(form: forms.BaseForm, write: Callable[[], T]) -> T | None:
    """`write()` in one transaction when the form is valid; None, with the errors on the
    form, when it is not or the service refuses."""
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            return write()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None

"""Who may use the configuration API: managers and administrators, through a token with
the `admin` scope. Everyone else gets 403 (problems.py names a missing scope)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm


def settings_manager(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied(
            "Only managers and administrators read and change the configuration."
        )
    return user

"""Pages of invitations: setting the password from the mailed link, and the managers'
page that invites agents."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .access import agent_required
from .auth import signed_in_user
from .forms import InvitationForm
from .invitations import (
    invitation_accept,
    invitation_for_token,
    invitation_send,
    invitations_pending,
)
from .models import Role
from .roles import Perm


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a password: the account opens and is signed in."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if form.is_valid():
        with transaction.atomic(durable=True):
            user = invitation_accept(invitation, form.cleaned_data["new_password1"])
        login(request, user, backend="charterdesk.accounts.signin.EmailBackend")
        messages.success(request, "Welcome to CharterDesk: your account is ready.")
        return redirect("home")
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context)


@agent_required
def invitations(request: HttpRequest) -> HttpResponse:
    """Support managers invite agents and see who has not accepted yet."""
    manager = signed_in_user(request)
    if not manager.has_perm(Perm.INVITE_STAFF):
        raise PermissionDenied("Support managers invite agents.")
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        tier = data["tier"] if data["role"] == Role.AGENT else None
        try:
            with transaction.atomic(durable=True):
                invitation_send(
                    email=data["email"],
                    name=data["name"],
                    role=data["role"],
                    tier=tier,
                    invited_by=manager,
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"{data['email']} is invited: the link is on its way.")
            return redirect("accounts:invitations")
    context = {"form": form, "pending": invitations_pending()}
    return render(request, "accounts/invitations.html", context)

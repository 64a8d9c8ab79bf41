"""Passwords: reset by a link sent by mail, changed by the signed-in person. Django's
views and tokens; the mail leaves through the outbox (hooks.account_mail). A reset also
lifts a sign-in lockout of the account and signs out every other session."""

from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy

from .hooks import AccountMail, account_mail
from .reset_throttle import reset_mail_allowed
from .sessions import session_renamed, sessions_sign_out_all
from .signin import client_address


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form (active accounts with a password, the address in any case),
    whose mail is queued in the outbox instead of sent from the request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse("accounts:password_reset_confirm", args=[context["uid"], context["token"]])
        hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
        account_mail.announce(
            AccountMail(
                to=to_email,
                template="accounts/mail/password_reset",
                context={"reset_url": f"{settings.SITE_URL}{path}", "hours": hours},
            )
        )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        """The same answer whether a mail leaves, the address is unknown or the throttle
        holds it (reset_throttle)."""
        email, client = form.cleaned_data["email"], client_address(self.request)
        with transaction.atomic(durable=True):
            if reset_mail_allowed(email, client):
                return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        with transaction.atomic(durable=True):
            response = super().form_valid(form)
            user: Any = form.user
            sessions_sign_out_all(user)
        axes_reset(username=user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password keeps this browser signed in and signs out the others."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        before = self.request.session.session_key or ""
        with transaction.atomic(durable=True):
            response = super().form_valid(form)  # gives this browser a new session key
            after = self.request.session.session_key or ""
            session_renamed(before, after)
            sessions_sign_out_all(self.request.user, keep=after)
        messages.success(self.request, "Your password is changed; other browsers are signed out.")
        return response


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"

"""Public sign-up pages (only when COMMUNITY_PUBLIC_SIGNUP is on)."""

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from charterdesk.core.forms import add_service_errors

from ..services.signup import signup_confirm, signup_pending, signup_request


class SignupForm(forms.Form):
    name = forms.CharField(max_length=200, label="Your name")
    email = forms.EmailField(label="Email address")


class PasswordForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, label="Choose a password")


def signup(request: HttpRequest) -> HttpResponse:
    if not settings.COMMUNITY_PUBLIC_SIGNUP:
        raise Http404("Sign-up is closed.")
    form = SignupForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(durable=True):
            signup_request(email=form.cleaned_data["email"], name=form.cleaned_data["name"])
        sent = True
    context = {"form": form, "sent": sent}
    return render(request, "community/signup.html", context, status=400 if form.errors else 200)


def signup_confirm_page(request: HttpRequest, token: str) -> HttpResponse:
    pending = signup_pending(token[:500])
    if pending is None:
        raise Http404("This link is not valid any more: sign up again.")
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                user = signup_confirm(token=token, password=form.cleaned_data["password"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="charterdesk.accounts.signin.EmailBackend")
            return redirect("community:topics")
    context = {"form": form, "email": pending["email"]}
    return render(
        request, "community/signup_confirm.html", context, status=400 if form.errors else 200
    )

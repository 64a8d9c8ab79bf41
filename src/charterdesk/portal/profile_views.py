"""The customer's profile: the time zone times are shown in, and which mails they want;
and the browser's guess of the time zone, posted once by base.html."""

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors
from charterdesk.customers.services import contact_profile_update, contact_time_zone_guess
from charterdesk.customers.time_zones import SESSION_KEY, is_time_zone, time_zone_names


class ProfileForm(forms.Form):
    time_zone = forms.ChoiceField(label="Show times in", required=False)
    mail_surveys = forms.BooleanField(
        label="Ask me how we did when a request is solved", required=False
    )
    mail_statements = forms.BooleanField(
        label="Mail me the monthly usage statement (contract administrators)", required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["time_zone"].choices = [("", "The site's time zone")] + [  # type: ignore[attr-defined]
            (name, name.replace("_", " ")) for name in time_zone_names()
        ]


@contact_required
def profile(request: HttpRequest) -> HttpResponse:
    contact = signed_in_user(request).contact
    initial = {
        "time_zone": contact.time_zone,
        "mail_surveys": contact.mail_surveys,
        "mail_statements": contact.mail_statements,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                contact_profile_update(contact, **form.cleaned_data)
            flash.success(request, "Saved: your profile.")
            return redirect("portal:profile")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "portal/profile.html", {"form": form, "contact": contact})


@login_required
@require_POST
def time_zone_guess(request: HttpRequest) -> HttpResponse:
    """The browser's time zone (Intl.DateTimeFormat().resolvedOptions().timeZone)."""
    name = request.POST.get("time_zone", "")
    if not is_time_zone(name):
        return HttpResponse("Unknown time zone.", status=400, content_type="text/plain")
    request.session[SESSION_KEY] = name
    contact = getattr(signed_in_user(request), "contact", None)
    if contact is not None:
        with transaction.atomic(durable=True):
            contact_time_zone_guess(contact, name)
    return HttpResponse(status=204)

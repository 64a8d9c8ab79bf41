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
from charterdesk.customers.models import OptionalMail
from charterdesk.customers.services import contact_profile_update, contact_time_zone_guess
from charterdesk.customers.time_zones import SESSION_KEY, is_time_zone, time_zone_names

# What each optional mail's box says, in the customer's words.
MAIL_CHOICES = {
    OptionalMail.SURVEYS: "Ask me how we did when a request is solved",
    OptionalMail.PROMISES: "Tell me when you make or move a promise on my request",
    OptionalMail.ESCALATION_RECEIPTS: "Confirm that my escalation request arrived",
    OptionalMail.ESTIMATES: "Mail me estimates to approve (they also wait on the request here)",
    OptionalMail.STATEMENTS: "Mail me the monthly usage statement (contract administrators)",
}


class ProfileForm(forms.Form):
    time_zone = forms.ChoiceField(label="Show times in", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["time_zone"].choices = [("", "The site's time zone")] + [  # type: ignore[attr-defined]
            (name, name.replace("_", " ")) for name in time_zone_names()
        ]
        for kind, label in MAIL_CHOICES.items():
            self.fields[kind.value] = forms.BooleanField(label=label, required=False)

    def mail_fields(self) -> list[forms.BoundField]:
        return [self[kind.value] for kind in MAIL_CHOICES]


@contact_required
def profile(request: HttpRequest) -> HttpResponse:
    contact = signed_in_user(request).contact
    initial = {kind.value: getattr(contact, kind.value) for kind in MAIL_CHOICES}
    form = ProfileForm(request.POST or None, initial={"time_zone": contact.time_zone, **initial})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted = {kind: data[kind.value] for kind in MAIL_CHOICES}
        try:
            with transaction.atomic(durable=True):
                contact_profile_update(contact, time_zone=data["time_zone"], wanted=wanted)
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

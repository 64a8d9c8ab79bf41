"""A ticket an agent opens for a customer who calls, chats or walks in: the same intake as
every channel (coverage, clocks, routing), the channel recorded, the call logged as time."""

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors
from charterdesk.core.vocabulary import Channel, Priority, RequestType
from charterdesk.hours.models import Activity
from charterdesk.hours.services import MAX_MINUTES, time_entry_create
from charterdesk.intake.services import ticket_create
from charterdesk.products.forms import (
    VersionOfProduct,
    check_version,
    offer_product_and_version,
)
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import requester_for

from .forms import SUGGEST_CONTACTS

AGENT_CHANNELS = [Channel.PHONE, Channel.CHAT, Channel.WALK_IN, Channel.EMAIL]


class NewTicketForm(forms.Form):
    requester_email = forms.EmailField(
        label="Requester",
        help_text="Type an address or a name and pick the contact.",
        widget=forms.EmailInput(
            attrs={"data-suggest": SUGGEST_CONTACTS, "autocomplete": "off", "autofocus": True}
        ),
    )
    channel = forms.ChoiceField(
        label="They reached us by",
        choices=[(c.value, c.label) for c in AGENT_CHANNELS],
        initial=Channel.PHONE,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(max_length=250)
    body = forms.CharField(label="What they need", widget=forms.Textarea(attrs={"rows": 6}))
    request_type = forms.ChoiceField(
        label="Type",
        choices=[("", "Guess from the text"), *RequestType.choices],
        required=False,
    )
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    product = forms.ChoiceField(label="Product", required=False)
    version = forms.ChoiceField(label="Version", required=False, widget=VersionOfProduct())
    minutes = forms.IntegerField(
        label="Length of the call or chat (minutes)",
        help_text="Logged as a call on the ticket's time.",
        min_value=1,
        max_value=MAX_MINUTES,
        required=False,
    )
    billable = forms.BooleanField(label="The call is billable", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_product_and_version(self, no_product="None / not sure")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_version(self, data)
        return data


def _open(agent: User, data: dict[str, object]) -> Ticket:
    ticket = ticket_create(
        requester=requester_for(agent, str(data["requester_email"])),
        subject=str(data["subject"]),
        body=str(data["body"]),
        request_type=str(data["request_type"]) or None,
        priority=str(data["priority"]),
        channel=Channel(str(data["channel"])),
        actor=agent,
        product=str(data.get("product") or ""),
        version=str(data.get("version") or ""),
    )
    if data["minutes"]:
        time_entry_create(
            ticket,
            agent,
            minutes=int(str(data["minutes"])),
            activity=Activity.CALL,
            billable=bool(data["billable"]),
            note=f"{ticket.get_channel_display()} with the customer",
        )
    return ticket


@agent_required
def new_ticket(request: HttpRequest) -> HttpResponse:
    form = NewTicketForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                ticket = _open(signed_in_user(request), form.cleaned_data)
            flash.success(request, f"Ticket #{ticket.pk} opened for {ticket.requester}.")
            return redirect("desk:ticket", ticket_id=ticket.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "desk/new_ticket.html", {"form": form})

from decimal import Decimal

from django import forms

from charterdesk.core.moments import reasonable_time
from charterdesk.core.panels import PanelForm

from .models import Activity
from .services import MAX_MINUTES, MAX_PURCHASE_HOURS

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TimeEntryForm(PanelForm):
    panel = "time"
    minutes = forms.IntegerField(
        label="Minutes",
        min_value=1,
        max_value=MAX_MINUTES,
        widget=forms.NumberInput(attrs={"data-timer-minutes": ""}),
    )
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices)
    billable = forms.BooleanField(label="Billable", required=False, initial=True)
    note = forms.CharField(label="Note (agents only)", max_length=300, required=False)
    worked_at = forms.DateTimeField(
        label="Worked at (default: now)",
        required=False,
        widget=LOCAL,
        validators=[reasonable_time],
    )


class TimeEntryChangeForm(PanelForm):
    panel = "time-change"
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=MAX_MINUTES)
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices)
    billable = forms.BooleanField(label="Billable", required=False)
    note = forms.CharField(label="Note", max_length=300, required=False)


class PurchaseForm(forms.Form):
    hours = forms.DecimalField(
        label="Hours bought",
        min_value=Decimal("0.25"),
        max_value=MAX_PURCHASE_HOURS,
        decimal_places=2,
        max_digits=8,
    )
    note = forms.CharField(label="Note (order, invoice)", max_length=300, required=False)

from decimal import Decimal

from django import forms

from charterdesk.core.panels import PanelForm

from .services import APPROVE, DECLINE, MAX_HOURS, MAX_SCOPE


class EstimateForm(PanelForm):
    panel = "estimate"
    hours = forms.DecimalField(
        label="Hours", min_value=Decimal("0.25"), max_value=MAX_HOURS, decimal_places=2
    )
    rate = forms.DecimalField(
        label="Rate per hour", min_value=Decimal(0), decimal_places=2, max_digits=8
    )
    scope = forms.CharField(
        label="Scope", max_length=MAX_SCOPE, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(PanelForm):
    panel = "estimate-decision"
    choice = forms.ChoiceField(
        label="Decision",
        choices=[(APPROVE, "Approve"), (DECLINE, "Decline")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)


class WithdrawForm(forms.Form):
    """The ticket page's Withdraw button; a note, when a client sends one, is checked too."""

    note = forms.CharField(label="Note", max_length=500, required=False)

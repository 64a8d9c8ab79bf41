from django import forms

from charterdesk.core.choices import SharedModelChoiceField
from charterdesk.core.moments import reasonable_date
from charterdesk.core.panels import PanelForm
from charterdesk.routing.models import Queue

from .models import EscalationKind

UP = [
    (EscalationKind.FUNCTIONAL.value, "Up a tier (functional)"),
    (EscalationKind.HIERARCHICAL.value, "Up the management line (hierarchical)"),
]


class EscalateForm(PanelForm):
    panel = "escalate"
    kind = forms.ChoiceField(label="Escalate", choices=UP, widget=forms.RadioSelect)
    reason = forms.CharField(label="Reason", max_length=500)
    note = forms.CharField(
        label="Hand-off note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was tried, what is known, what is next (required up a tier).",
    )
    to_queue = SharedModelChoiceField(
        label="Queue",
        required=False,
        queryset=Queue.objects.all(),
        shared="queues",
        empty_label="Pick the best queue of the next tier",
    )


class DeEscalateForm(PanelForm):
    panel = "de-escalate"
    reason = forms.CharField(label="Reason", max_length=500)
    note = forms.CharField(
        label="Hand-off note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequestForm(forms.Form):
    reason = forms.CharField(
        label="Why should we escalate?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Answer",
        choices=[("accept", "Accept and escalate"), ("decline", "Decline")],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="Answer to the customer",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when declining; mailed to the customer.",
    )


class SwarmReportForm(forms.Form):
    """The swarm report's period: from one day to another, the end excluded."""

    start = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}), validators=[reasonable_date]
    )
    end = forms.DateField(
        label="To (exclusive)",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[reasonable_date],
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] >= data["end"]:
            raise forms.ValidationError("The period must start before it ends.")
        return data

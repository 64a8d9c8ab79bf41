from django import forms

from charterdesk.accounts.selectors import active_agents
from charterdesk.core.choices import SharedModelChoiceField
from charterdesk.core.moments import reasonable_time
from charterdesk.core.panels import PanelForm

from .models import CommitmentState

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CommitmentForm(PanelForm):
    panel = "promise"
    text = forms.CharField(
        label="Promise", max_length=300, widget=forms.TextInput(attrs={"placeholder": "Call back"})
    )
    due_at = forms.DateTimeField(label="Due", widget=LOCAL, validators=[reasonable_time])
    owner = SharedModelChoiceField(label="Owner", queryset=active_agents(), shared="active-agents")


class CommitmentChangeForm(PanelForm):
    panel = "promise-change"
    state = forms.ChoiceField(
        label="Mark",
        required=False,
        choices=[("", "—")] + [(s.value, s.label) for s in CommitmentState if s != "open"],
    )
    due_at = forms.DateTimeField(
        label="New due time", required=False, widget=LOCAL, validators=[reasonable_time]
    )
    note = forms.CharField(label="Why", max_length=500, required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("state") and not data.get("due_at"):
            raise forms.ValidationError("Mark the promise or give it a new due time.")
        return data

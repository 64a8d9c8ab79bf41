from django import forms

from charterdesk.accounts.selectors import active_agents
from charterdesk.core.choices import SharedModelChoiceField
from charterdesk.core.panels import PanelForm


class HelpRequestForm(PanelForm):
    panel = "help"
    skills = forms.CharField(
        label="Skills needed",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "postgres, billing"}),
        help_text="Comma-separated; agents with a matching skill are told.",
    )
    note = forms.CharField(
        label="What you need",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_skills(self) -> list[str]:
        return [s for s in self.cleaned_data["skills"].split(",") if s.strip()]


class CollaboratorForm(forms.Form):
    agent = SharedModelChoiceField(
        label="Agent",
        required=False,
        empty_label="Me",
        queryset=active_agents(),
        shared="active-agents",
    )

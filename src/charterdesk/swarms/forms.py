from django import forms

from charterdesk.accounts.selectors import active_agents
from charterdesk.core.moments import reasonable_date


class HelpRequestForm(forms.Form):
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
    agent = forms.ModelChoiceField(
        label="Agent",
        required=False,
        empty_label="Me",
        queryset=active_agents(),
    )


class PeriodForm(forms.Form):
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

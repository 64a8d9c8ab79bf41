from datetime import date, timedelta

from django import forms
from django.utils import timezone

from charterdesk.core.moments import reasonable_date

from .models import Rating
from .selectors import GROUPS


class AnswerForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Your rating",
        coerce=int,
        choices=[(r.value, f"{r.value} – {r.label}") for r in reversed(Rating)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything to add?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ResultsForm(forms.Form):
    group = forms.ChoiceField(
        label="Per", choices=[(k, v[0]) for k, v in GROUPS.items()], initial="agent"
    )
    start = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}), validators=[reasonable_date]
    )
    end = forms.DateField(
        label="To", widget=forms.DateInput(attrs={"type": "date"}), validators=[reasonable_date]
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end is before the start.")
        return data


def default_period() -> dict[str, object]:
    today = timezone.localdate()
    start: date = (today - timedelta(days=180)).replace(day=1)
    return {"group": "agent", "start": start, "end": today}

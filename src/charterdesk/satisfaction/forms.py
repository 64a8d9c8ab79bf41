from datetime import date, timedelta

from django import forms
from django.utils import timezone

from charterdesk.core.forms import PeriodForm

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


class ResultsForm(PeriodForm):
    group = forms.ChoiceField(
        label="Per", choices=[(k, v[0]) for k, v in GROUPS.items()], initial="agent"
    )
    field_order = ["group", "start", "end"]


def default_period() -> dict[str, object]:
    today = timezone.localdate()
    start: date = (today - timedelta(days=180)).replace(day=1)
    return {"group": "agent", "start": start, "end": today}

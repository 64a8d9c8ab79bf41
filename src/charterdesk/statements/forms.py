from django import forms

from .calendar_months import Month


class MonthForm(forms.Form):
    month = forms.CharField(
        label="Month",
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )

    def clean_month(self) -> Month | None:
        text = self.cleaned_data.get("month") or ""
        if not text:
            return None
        try:
            return Month.parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

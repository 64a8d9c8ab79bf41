from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from charterdesk.core.moments import reasonable_date


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field where it can."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        name = "request_type" if field == "type" else field
        form.add_error(name if name in form.fields else None, messages)


def flash_errors(
    request: HttpRequest,
    head: str,
    form: forms.Form | None = None,
    exc: ValidationError | None = None,
) -> None:
    """One flash message with what went wrong, for forms posted from a panel of another
    page (the ticket page): the form's field errors, labelled, then the service's."""
    messages = [str(m) for m in exc.messages] if exc is not None else []
    if form is not None:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages += [f"{label}: {e}" if label else str(e) for e in errors]
    flash.error(request, f"{head} " + " ".join(messages))


class PeriodForm(forms.Form):
    """A report's period: from one day to another, both included."""

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

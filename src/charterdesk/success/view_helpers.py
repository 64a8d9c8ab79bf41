from django import forms
from django.core.exceptions import ValidationError


def show_errors(form: forms.Form, exc: ValidationError) -> None:
    """A service's errors on the form: under their field, or above it."""
    for name, messages in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)

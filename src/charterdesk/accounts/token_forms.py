from django import forms

from .models import Scope
from .tokens import LIFETIMES

NEVER = "never"


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, label="What is it for?", help_text="e.g. the monitoring script"
    )
    scopes = forms.MultipleChoiceField(
        choices=(), widget=forms.CheckboxSelectMultiple, initial=[Scope.READ]
    )
    expires = forms.ChoiceField(
        label="Expires after",
        choices=[(str(d), f"{d} days") for d in LIFETIMES] + [(NEVER, "Never")],
        initial="90",
    )

    def __init__(self, *args: object, scopes: list[Scope], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["scopes"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = [(s.value, s.label) for s in scopes]

    def days(self) -> int | None:
        value = self.cleaned_data["expires"]
        return None if value == NEVER else int(value)

"""The form of a custom ticket field, shared by the settings page (/manage/custom-fields/)
and the Django admin. The rules are the model's (`CustomField.clean`); this form only
turns the drop-down's choices, one a line, into the list the model keeps."""

from typing import Any

from django import forms

from .models import CustomField, FieldKind


class OptionsField(forms.CharField):
    """Choices typed one a line; blank lines are skipped."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(option) for option in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class CustomFieldForm(forms.ModelForm):
    options = OptionsField(
        label="Choices",
        required=False,
        help_text="For a drop-down: one choice a line, in order.",
    )

    class Meta:
        model = CustomField
        fields = [
            "label",
            "key",
            "kind",
            "options",
            "required_to_solve",
            "visible_to_customers",
            "position",
        ]
        labels = {
            "kind": "Type",
            "required_to_solve": "Required to solve",
            "visible_to_customers": "Visible to customers",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") not in (None, FieldKind.DROPDOWN):
            data["options"] = []  # the choices of another type are not kept
        return data

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms

from charterdesk.core.panels import PanelForm
from charterdesk.tickets.models import CustomField, FieldKind, Ticket
from charterdesk.tickets.selectors import field_values_of, popular_tags
from charterdesk.tickets.services.fields import YES, tags_from_text


def field_for(custom: CustomField) -> forms.Field:
    """A form field for a custom ticket field; the service checks the value again."""
    options: dict[str, Any] = {"label": custom.label, "required": False}
    if custom.required_to_solve:
        options["help_text"] = "Needed to solve the ticket."
    if custom.kind == FieldKind.CHECKBOX:
        return forms.BooleanField(**options)
    if custom.kind == FieldKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **options)
    if custom.kind == FieldKind.DROPDOWN:
        choices = [("", "—"), *((o, o) for o in custom.options)]
        return forms.ChoiceField(choices=choices, **options)
    if custom.kind == FieldKind.NUMBER:
        return forms.CharField(
            max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **options
        )
    return forms.CharField(max_length=500, **options)


def initial_value(custom: CustomField, value: str) -> object:
    if custom.kind == FieldKind.CHECKBOX:
        return value == YES
    if custom.kind == FieldKind.DATE and value:
        return date.fromisoformat(value)
    return value


class TicketFieldsForm(PanelForm):
    """The ticket's tags and its custom fields (one field per active definition)."""

    panel = "fields"
    tags = forms.CharField(
        required=False,
        max_length=2000,
        help_text="Separated by commas or spaces.",
        widget=forms.TextInput(attrs={"list": "tag-suggestions", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, custom_fields: Iterable[CustomField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.custom_fields = {c.key: c for c in custom_fields}
        for key, custom in self.custom_fields.items():
            self.fields[key] = field_for(custom)

    def clean_tags(self) -> list[str]:
        try:
            return tags_from_text(self.cleaned_data["tags"])
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc

    def values(self) -> dict[str, object]:
        """The custom field values by key, as the service takes them."""
        return {key: self.cleaned_data.get(key) for key in self.custom_fields}


def fields_form_context(
    user: Any, ticket: Ticket, tags: list[str], failed: Any = None
) -> dict[str, Any]:
    """The tags and fields form (`failed`: as posted, with its errors) and the tags
    to suggest."""
    pairs = field_values_of(user, ticket)
    initial: dict[str, object] = {"tags": ", ".join(tags)}
    initial.update((field.key, initial_value(field, value)) for field, value in pairs)
    blank = TicketFieldsForm(initial=initial, custom_fields=[field for field, _ in pairs])
    return {"form": failed or blank, "suggestions": popular_tags()}

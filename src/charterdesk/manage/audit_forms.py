from django import forms

from charterdesk.core.audit import audited_kinds
from charterdesk.core.forms import PeriodForm
from charterdesk.core.querystring import parse_id


class AuditFilterForm(PeriodForm):
    """The audit log's filters: what kind of setting, who, which days (each optional)."""

    kind = forms.ChoiceField(label="Setting", required=False)
    actor = forms.ChoiceField(label="Changed by", required=False)
    field_order = ["kind", "actor", "start", "end"]

    def __init__(self, *args: object, actors: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["start"].required = self.fields["end"].required = False
        kind_field, actor_field = self.fields["kind"], self.fields["actor"]
        assert isinstance(kind_field, forms.ChoiceField)  # noqa: S101 - declared above
        assert isinstance(actor_field, forms.ChoiceField)  # noqa: S101 - declared above
        kind_field.choices = [("", "Every setting"), *audited_kinds()]
        actor_field.choices = [("", "Anyone"), *((email, email) for email in actors)]


def before_id(value: str | None) -> int | None:
    """The page link's `before`: a row id, or None for the first page."""
    return parse_id(value)

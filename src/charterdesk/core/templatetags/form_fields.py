"""`{% form_fields form skip %}`: a form's fields, each with its label, help text and errors,
the form's own errors first; the characters the template core/_fields.html wrote with its
loop (issue #13). The desk's ticket page draws five forms through it on every render: the
loop's tags and variables cost the template engine more than the widgets themselves.
tests/core/test_form_fields_tag.py compares it with the template it replaces."""

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString, mark_safe

from charterdesk.core.form_renderer import text_of

register = template.Library()


def _field(field: forms.BoundField) -> str:
    errors = field.errors
    help_text = field.help_text
    shown = f'<span class="muted">{text_of(help_text)}</span>' if help_text else ""
    if field.widget_type == "checkbox":
        invalid = " invalid" if errors else ""
        return (
            f'\n<label class="check{invalid}">{text_of(field)} <span>{text_of(field.label)}\n'
            f"  {shown}\n  {text_of(errors)}</span></label>\n\n"
        )
    invalid = ' class="invalid"' if errors else ""
    return (
        f"\n<label{invalid}>{text_of(field.label)} {text_of(field)}\n"
        f"  {shown}\n  {text_of(errors)}</label>\n"
    )


@register.simple_tag
def form_fields(form: forms.BaseForm, skip: Any = None) -> SafeString:
    own = form.non_field_errors()
    out = [f'\n<div class="form-errors" role="alert">{text_of(own)}</div>\n' if own else "\n\n"]
    out.extend(_field(field) for field in form if field.name != skip)
    out.append("\n")
    return mark_safe("".join(out))  # noqa: S308 (every value went through conditional_escape)

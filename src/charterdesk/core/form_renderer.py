"""The form renderer (settings.FORM_RENDERER): Django's, with its most used widget and
error templates written out in Python.

Django renders every widget through the template engine: a drop-down of 30 choices is 60
template includes (each option, then its attributes). A page with many side forms (the
desk's ticket page: about 50 fields) spent a quarter of its time there (issue #13). The
functions below produce the same characters as Django's own templates
(django/forms/templates/django/forms/widgets/*.html, errors/list/*.html: same escaping,
same localization, same white space; tests/core/test_form_renderer.py compares them
widget by widget); any other template, or an option drawn by a template of its own, goes
through the engine as before.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template.defaultfilters import stringformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

W = "django/forms/widgets/"


def text_of(value: Any) -> str:
    """`{{ value }}`: as the template engine writes a variable (render_value_in_context)."""
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


_text = text_of


def _s(value: Any) -> str:
    """`{{ value|stringformat:'s' }}` (a safe filter: safe text stays unescaped)."""
    formatted = stringformat(value, "s")
    safe = isinstance(value, SafeData)
    return _text(mark_safe(formatted) if safe else formatted)  # noqa: S308 (was safe)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """attrs.html"""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_s(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(w: Mapping[str, Any]) -> str:
    """input.html (and its widgets: text, number, email, hidden, checkbox, …)."""
    value = w["value"]
    shown = f' value="{_s(value)}"' if value != None else ""  # noqa: E711 (as the template)
    kind, name = _text(w["type"]), _text(w["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(w["attrs"])}>\n'


def _select_option(w: Mapping[str, Any]) -> str:
    return f'<option value="{_s(w["value"])}"{_attrs(w["attrs"])}>{_text(w["label"])}</option>\n'


def _input_option(w: Mapping[str, Any]) -> str:
    if not w.get("wrap_label"):
        return _input(w) + "\n"
    target = w["attrs"].get("id")
    label = f'<label for="{_text(target)}">' if target else "<label>"
    return f"{label}{_input(w)} {_text(w['label'])}</label>\n"


OPTIONS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    W + "select_option.html": _select_option,
    W + "radio_option.html": lambda w: _input_option(w) + "\n",
    W + "checkbox_option.html": lambda w: _input_option(w) + "\n",
    W + "input_option.html": _input_option,
}


class _OwnTemplateError(Exception):
    """An option drawn by a template of its own: the engine renders the widget."""


def _option(option: Mapping[str, Any]) -> str:
    try:
        return OPTIONS[option["template_name"]](option)
    except KeyError as exc:
        raise _OwnTemplateError from exc


def _select(w: Mapping[str, Any]) -> str:
    out = [f'<select name="{_text(w["name"])}"{_attrs(w["attrs"])}>']
    for group_name, group_choices, _index in w["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        out.extend("\n  " + _option(option) for option in group_choices)
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _multiple_input(w: Mapping[str, Any]) -> str:
    attrs = w["attrs"]
    out = ["<div"]
    if attrs.get("id"):
        out.append(f' id="{_text(attrs["id"])}"')
    if attrs.get("class"):
        out.append(f' class="{_text(attrs["class"])}"')
    out.append(">")
    for group, options, _index in w["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_text(group)}</label>")
        out.extend(f"<div>\n    {_option(option)}</div>" for option in options)
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n")
    return "".join(out)


def _textarea(w: Mapping[str, Any]) -> str:
    value = _text(w["value"]) if w["value"] else ""
    return f'<textarea name="{_text(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>\n'


def _errors(context: Mapping[str, Any]) -> str:
    """errors/list/default.html and ul.html"""
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    target = f' id="{_text(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="{_text(context["error_class"])}"{target}>{items}</ul>'


def _widget(draw: Callable[[Mapping[str, Any]], str]) -> Callable[[Mapping[str, Any]], str]:
    return lambda context: draw(context["widget"])


FAST: dict[str, Callable[[Mapping[str, Any]], str]] = {
    W + "input.html": _widget(_input),
    W + "text.html": _widget(_input),
    W + "number.html": _widget(_input),
    W + "email.html": _widget(_input),
    W + "url.html": _widget(_input),
    W + "password.html": _widget(_input),
    W + "hidden.html": _widget(_input),
    W + "date.html": _widget(_input),
    W + "datetime.html": _widget(_input),
    W + "time.html": _widget(_input),
    W + "tel.html": _widget(_input),
    W + "search.html": _widget(_input),
    W + "color.html": _widget(_input),
    W + "checkbox.html": _widget(lambda w: _input(w) + "\n"),
    W + "select.html": _widget(_select),
    W + "radio.html": _widget(lambda w: _multiple_input(w) + "\n"),
    W + "checkbox_select.html": _widget(lambda w: _multiple_input(w) + "\n"),
    W + "textarea.html": _widget(_textarea),
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
}


class FastRenderer(DjangoTemplates):
    """Django's default renderer; its common widget and error templates drawn in Python."""

    def render(self, template_name: str, context: Any, request: Any = None) -> str:
        draw = FAST.get(template_name)
        if draw is not None:
            try:
                # every value went through conditional_escape, as in the template
                return mark_safe(draw(context).strip())  # noqa: S308
            except _OwnTemplateError:
                pass
        return super().render(template_name, context, request)

"""`{% form_fields %}` (core/templatetags/form_fields.py) writes the characters the loop of
core/_fields.html wrote before it (issue #13): labels, help texts, checkboxes, errors of the
fields and of the form, a skipped field."""

import pytest
from django import forms
from django.template import Context, Template, engines
from django.utils.safestring import mark_safe

from tests.core.test_form_renderer import BOUND, INITIAL, Sample

# core/_fields.html as it was before the tag (after its comment)
LOOP = (
    "\n{% if form.non_field_errors %}"
    '<div class="form-errors" role="alert">{{ form.non_field_errors }}</div>{% endif %}'
    "\n{% for field in form %}{% if field.name != skip %}"
    '\n{% if field.widget_type == "checkbox" %}<label class="check{% if field.errors %}'
    ' invalid{% endif %}">{{ field }} <span>{{ field.label }}\n  {% if field.help_text %}'
    '<span class="muted">{{ field.help_text }}</span>{% endif %}'
    "\n  {{ field.errors }}</span></label>\n{% else %}<label{% if field.errors %}"
    ' class="invalid"{% endif %}>{{ field.label }} {{ field }}\n  {% if field.help_text %}'
    '<span class="muted">{{ field.help_text }}</span>{% endif %}'
    "\n  {{ field.errors }}</label>{% endif %}\n{% endif %}{% endfor %}\n"
)


class WithOwnErrors(forms.Form):
    name = forms.CharField(label="Name <b>", help_text=mark_safe("<i>safe</i> help"))
    agree = forms.BooleanField(help_text="Tick & go")
    quiet = forms.BooleanField(required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        raise forms.ValidationError("The form <as a whole> & more")


FORMS = {
    "blank": lambda: Sample(),
    "initial": lambda: Sample(initial=INITIAL),
    "bound-with-errors": lambda: Sample(BOUND),
    "empty-post": lambda: Sample({}),
    "own-errors": lambda: WithOwnErrors({"name": "x"}),
    "own-errors-blank": lambda: WithOwnErrors(),
}


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("skip", [None, "text", "flag", "pick", "agree"])
def test_the_tag_writes_what_the_template_wrote(name, skip):
    form = FORMS[name]()
    if form.is_bound:
        form.is_valid()
    context = {"form": form} | ({"skip": skip} if skip else {})
    before = Template(LOOP).render(Context(context))
    now = engines["django"].get_template("core/_fields.html").render(context)
    assert now == before
    assert ("<label" in now) and (skip is None or f'name="{skip}"' not in now)

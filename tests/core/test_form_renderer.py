"""The project's form renderer writes exactly what Django's templates write, widget by
widget: same markup, escaping, localization and white space (core/form_renderer.py)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList
from django.utils.safestring import mark_safe

from charterdesk.core.form_renderer import FAST, FastRenderer

CHOICES = [
    ("", "—"),
    ("a", "A & B <c>"),
    (3, 3),
    ("Group <1>", [("x", "Ex"), ("y", mark_safe("<b>Why</b>"))]),
    ("d", Decimal("1.50")),
]


class Sample(forms.Form):
    text = forms.CharField(max_length=20, required=False, help_text="h")
    number = forms.IntegerField(min_value=1)
    email = forms.EmailField(widget=forms.EmailInput(attrs={"placeholder": 'say "hi"'}))
    url = forms.URLField(assume_scheme="https")
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    flag = forms.BooleanField(required=False)
    pick = forms.ChoiceField(choices=CHOICES)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"})
    )
    bare_radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect(attrs={}))
    yes_no = forms.NullBooleanField()
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "disabled": True}))
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel", "autofocus": True}))


BOUND = {
    "text": "<script>x</script>",
    "number": "0",
    "email": "a&b@example.com",
    "url": "not a url",
    "when": "2026-12-04T10:30",
    "day": "2026-12-04",
    "hidden": '"quoted"',
    "secret": "p<w>",
    "flag": "on",
    "pick": "x",
    "many": ["a", "3"],
    "radio": "y",
    "boxes": ["d", "x"],
    "yes_no": "unknown",
    "body": "line 1\n<line 2> & 3",
    "phone": "+41 44",
}

INITIAL = {
    "number": 1500,
    "when": datetime.datetime(2026, 12, 4, 10, 30, tzinfo=datetime.UTC),
    "day": datetime.date(2026, 12, 4),
    "pick": 3,
    "radio": "a",
    "flag": True,
    "yes_no": False,
    "body": "",
}


def _widgets(form: forms.Form) -> dict[str, str]:
    return {
        f.name: str(f) + str(f.errors) + (f.as_hidden() if f.name == "hidden" else "") for f in form
    }


@pytest.mark.parametrize(
    "make",
    [
        lambda r: Sample(renderer=r),
        lambda r: Sample(initial=INITIAL, renderer=r),
        lambda r: Sample(BOUND, renderer=r),
        lambda r: Sample({}, renderer=r),
        lambda r: Sample(BOUND, renderer=r, auto_id=False),
        lambda r: Sample(initial=INITIAL, renderer=r, auto_id="panel-%s"),
    ],
    ids=["blank", "initial", "bound-with-errors", "empty-post", "no-ids", "prefixed-ids"],
)
def test_each_widget_and_error_list_is_written_as_django_writes_it(make):
    ours, django = make(FastRenderer()), make(DjangoTemplates())
    if ours.is_bound:
        assert not ours.is_valid() and not django.is_valid()
    assert _widgets(ours) == _widgets(django)
    assert str(ours.non_field_errors()) == str(django.non_field_errors())


def test_errors_with_a_field_id_and_of_the_form():
    ours = ErrorList(["<bad> & wrong", "two"], renderer=FastRenderer(), field_id="id_x")
    django = ErrorList(["<bad> & wrong", "two"], renderer=DjangoTemplates(), field_id="id_x")
    assert str(ours) == str(django) and 'id="id_x_error"' in str(ours)
    nonfield = ErrorList(["x"], error_class="nonfield", renderer=FastRenderer())
    theirs = ErrorList(["x"], error_class="nonfield", renderer=DjangoTemplates())
    assert str(nonfield) == str(theirs)


def test_an_option_with_a_template_of_its_own_goes_through_the_engine():
    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/attrs.html"  # not one drawn in Python

    field = forms.ChoiceField(choices=[("a", "A")], widget=OwnOption)
    assert field.widget.render("x", "a", renderer=FastRenderer()) == field.widget.render(
        "x", "a", renderer=DjangoTemplates()
    )
    assert "django/forms/widgets/select.html" in FAST


def test_the_project_renders_forms_with_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "charterdesk.core.form_renderer.FastRenderer"
    assert isinstance(get_default_renderer(), FastRenderer)

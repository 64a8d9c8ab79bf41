"""The webhook form of the desk page: it parses; the services decide."""

from django import forms

from .models import SUBSCRIBABLE

EVENT_CHOICES = [(e.value, e.label) for e in SUBSCRIBABLE]


class EndpointForm(forms.Form):
    name = forms.CharField(max_length=100)
    url = forms.URLField(
        max_length=500,
        label="Address",
        assume_scheme="https",
        help_text="Where the events are posted.",
    )
    events = forms.MultipleChoiceField(
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
        label="Events it receives",
    )
    secret = forms.CharField(
        required=False,
        min_length=16,
        max_length=128,
        widget=forms.PasswordInput(render_value=False),
        help_text="Signs every body. Empty: a new endpoint gets a generated one; an existing "
        "one keeps its own.",
    )
    is_active = forms.BooleanField(required=False, initial=True, label="On")

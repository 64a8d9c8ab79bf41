from django import forms

from .models import GapKind


class GapDraftForm(forms.Form):
    kind = forms.ChoiceField(choices=GapKind.choices)
    key = forms.CharField(max_length=200)

from django import forms

from .models import TriageSettings


class TriageSettingsForm(forms.ModelForm):
    class Meta:
        model = TriageSettings
        fields = ["precision_target", "apply_suggestions", "retrain_after", "guard_unfamiliar"]
        labels = {
            "precision_target": "Precision target",
            "apply_suggestions": "Apply confident suggestions",
            "retrain_after": "Retrain after this many newly solved tickets",
            "guard_unfamiliar": "Leave unfamiliar requests to a person",
        }


class PickForm(forms.Form):
    category = forms.IntegerField(min_value=1)

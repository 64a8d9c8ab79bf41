from django import forms

from charterdesk.routing.models import Queue

from .models import PeakDay, QueueStaffing
from .settings_services import STAFFING_FIELDS


class StaffingForm(forms.ModelForm):
    class Meta:
        model = QueueStaffing
        fields = STAFFING_FIELDS
        labels = {
            "model": "Staffing model",
            "timezone": "Time zone",
            "aht_seconds": "Average handling time (s)",
            "service_level": "Service level (share)",
            "target_seconds": "Answered within (s)",
            "shrinkage": "Shrinkage (share)",
            "max_occupancy": "Maximum occupancy (share)",
        }
        widgets = {
            "service_level": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "shrinkage": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "0.95"}),
            "max_occupancy": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }


class PeakDayForm(forms.ModelForm):
    queue = forms.ModelChoiceField(
        Queue.objects.order_by("position", "name"), required=False, empty_label="Every queue"
    )

    class Meta:
        model = PeakDay
        fields = ("day", "queue", "multiplier", "note")
        labels = {"day": "Date", "multiplier": "Multiplier", "note": "Why"}
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}),
            "multiplier": forms.NumberInput(attrs={"step": "0.1", "min": "0.1", "max": "20"}),
        }


class QueueChoice(forms.Form):
    queue = forms.IntegerField(required=False, min_value=1)
    week = forms.IntegerField(required=False, min_value=0, max_value=3)

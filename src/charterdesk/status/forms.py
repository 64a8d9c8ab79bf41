from django import forms

from charterdesk.incidents.forms import RegionsField
from charterdesk.incidents.models import Maintenance, Monitor, Service
from charterdesk.incidents.setup.forms import MONITOR_FIELDS, MONITOR_LABELS


class MonitorForm(forms.ModelForm):
    class Meta:
        model = Monitor
        fields = ["service", *MONITOR_FIELDS]
        labels = MONITOR_LABELS


LOCAL = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})


class MaintenanceForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="What customers are told"
    )
    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.in_use(), widget=forms.CheckboxSelectMultiple
    )
    regions = RegionsField()
    starts_at = forms.DateTimeField(widget=LOCAL)
    ends_at = forms.DateTimeField(widget=LOCAL)
    is_public = forms.BooleanField(required=False, initial=True, label="Show on the status page")

    @classmethod
    def of(cls, maintenance: Maintenance, data: object = None) -> "MaintenanceForm":
        """The form to edit `maintenance`, filled with what it is now."""
        initial = {
            "title": maintenance.title,
            "description": maintenance.description,
            "services": list(maintenance.services.all()),
            "regions": ", ".join(maintenance.regions),
            "starts_at": maintenance.starts_at,
            "ends_at": maintenance.ends_at,
            "is_public": maintenance.is_public,
        }
        return cls(data, initial=initial)  # type: ignore[arg-type]


class CancelForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why (customers are told)",
    )


def _public_services() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Service.objects.in_use().filter(is_public=True).order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        label="Services",
        error_messages={"required": "Choose at least one service."},
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Your email address")
    services = _public_services()


class SubscriptionForm(forms.Form):
    services = _public_services()

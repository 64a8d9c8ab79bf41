from django import forms

from charterdesk.incidents.models import Monitor, Service


class MonitorForm(forms.ModelForm):
    class Meta:
        model = Monitor
        fields = [
            "service",
            "name",
            "kind",
            "url",
            "expected_status",
            "body_contains",
            "host",
            "port",
            "max_latency_ms",
            "min_days_left",
            "timeout_seconds",
            "interval_seconds",
            "grace_seconds",
            "failures_to_open",
            "successes_to_recover",
            "dedup_minutes",
        ]
        labels = {
            "url": "Address (HTTP)",
            "max_latency_ms": "Max latency (ms)",
            "min_days_left": "Min days left (TLS)",
            "failures_to_open": "Failures to open an incident",
            "successes_to_recover": "Successes to recover",
            "dedup_minutes": "Deduplication window (minutes)",
        }


class MaintenanceForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="What customers are told"
    )
    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.in_use(), widget=forms.CheckboxSelectMultiple
    )
    starts_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    is_public = forms.BooleanField(required=False, initial=True, label="Show on the status page")


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

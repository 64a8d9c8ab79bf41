"""Forms of the set-up pages: they parse and validate (the models' rules included);
the services in services/setup.py decide."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from charterdesk.accounts.selectors import active_agents
from charterdesk.routing.models import Team

from ..choices import IncidentRole
from ..models import Monitor, RoleAssignment, Service, SeverityPolicy
from ..placeholders import check_template


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name", "parent", "description", "is_public", "position"]
        labels = {"parent": "Part of", "is_public": "Show on the public status page"}
        help_texts = {"is_public": "", "position": "Order on the status page and in lists."}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        parents = Service.objects.in_use()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["parent"].empty_label = "(none: a service of its own)"  # type: ignore[attr-defined]


class SeverityForm(forms.ModelForm):
    class Meta:
        model = SeverityPolicy
        fields = [
            "level",
            "name",
            "alert_customers",
            "alert_after_minutes",
            "max_update_interval_minutes",
            "reminder_minutes",
            "postmortem_business_days",
            "calendar",
        ]
        labels = {
            "level": "Level (1 is the worst)",
            "alert_customers": "Alert affected customers by default",
            "alert_after_minutes": "Alert after (minutes)",
            "max_update_interval_minutes": "Longest time between updates (minutes)",
            "reminder_minutes": "Remind before an update is due (minutes)",
            "postmortem_business_days": "Post-mortem due after (business days)",
            "calendar": "Business calendar",
        }
        help_texts = {"alert_customers": ""}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["calendar"].empty_label = "Monday to Friday, UTC"  # type: ignore[attr-defined]


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "service", "severity", "user", "team"]
        labels = {"user": "Person", "team": "On-call team"}
        help_texts = {
            "service": "Empty: any service.",
            "severity": "Empty: any severity.",
            "team": "Choose a person or a team.",
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = IncidentRole.choices  # type: ignore[attr-defined]
        self.fields["user"].empty_label = "(a team instead)"  # type: ignore[attr-defined]
        self.fields["team"].empty_label = "(a person instead)"  # type: ignore[attr-defined]
        self.fields["service"].queryset = Service.objects.in_use()  # type: ignore[attr-defined]
        self.fields["service"].empty_label = "Any service"  # type: ignore[attr-defined]
        self.fields["severity"].empty_label = "Any severity"  # type: ignore[attr-defined]
        self.fields["user"].queryset = active_agents().order_by("email")  # type: ignore[attr-defined]
        self.fields["team"].queryset = Team.objects.order_by("name")  # type: ignore[attr-defined]


class RolePreviewForm(forms.Form):
    role = forms.ChoiceField(choices=IncidentRole.choices, initial=IncidentRole.COMMANDER)
    service = forms.ModelChoiceField(
        queryset=Service.objects.in_use(), required=False, empty_label="Any service"
    )
    severity = forms.ModelChoiceField(
        queryset=SeverityPolicy.objects.all(), required=False, empty_label="Any severity"
    )


def _placeholders_only(text: str) -> None:
    problem = check_template(text)
    if problem:
        raise forms.ValidationError(problem)


class TemplateForm(forms.Form):
    subject = forms.CharField(max_length=200, validators=[_placeholders_only])
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}), validators=[_placeholders_only]
    )


MONITOR_FIELDS = [
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

MONITOR_LABELS = {
    "url": "Address (HTTP)",
    "max_latency_ms": "Max latency (ms)",
    "min_days_left": "Min days left (TLS)",
    "failures_to_open": "Failures to open an incident",
    "successes_to_recover": "Successes to recover",
    "dedup_minutes": "Deduplication window (minutes)",
}


class MonitorEditForm(forms.ModelForm):
    class Meta:
        model = Monitor
        fields = MONITOR_FIELDS
        labels = MONITOR_LABELS

    def _update_errors(self, errors: ValidationError) -> None:
        """The model's rule about its service (not a field here) reads above the form."""
        if hasattr(errors, "error_dict") and "service" in errors.error_dict:
            errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                errors.error_dict.pop("service")
            )
        super()._update_errors(errors)  # type: ignore[misc]

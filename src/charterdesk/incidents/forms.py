"""Forms of the desk's incident pages: they parse and validate; services decide."""

from typing import Any

from django import forms

from charterdesk.accounts.selectors import active_agents
from charterdesk.core.moments import reasonable_date, reasonable_time

from .choices import OPEN_STATUSES, Impact, IncidentRole, IncidentStatus
from .models import PostMortem, Service, SeverityPolicy
from .placeholders import fill_reply

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
OPEN_CHOICES = [(s.value, s.label) for s in IncidentStatus if s in OPEN_STATUSES]


class RegionsField(forms.CharField):
    """Regions as words separated by commas: 'EU, US'."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("help_text", "Separated by commas; empty: every region.")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]


class OpenForm(forms.Form):
    title = forms.CharField(max_length=200)
    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.in_use(), widget=forms.CheckboxSelectMultiple
    )
    regions = RegionsField()
    nature = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="What customers see"
    )


class QualifyForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", "Confirm: it is an incident"), ("dismiss", "Dismiss: false alarm")],
        widget=forms.RadioSelect,
        initial="confirm",
    )
    severity = forms.ModelChoiceField(queryset=SeverityPolicy.objects.all(), required=False)
    alert = forms.ChoiceField(
        label="Alert customers",
        choices=[("", "As the severity says"), ("yes", "Yes"), ("no", "No")],
        required=False,
    )
    impact = forms.ChoiceField(choices=Impact.choices, initial=Impact.MINOR)
    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.in_use(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Affected services",
        help_text="Leave all unticked to keep the services it was opened with.",
    )
    regions = RegionsField()
    nature = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Nature of the issue"
    )
    next_update_at = forms.DateTimeField(
        required=False, widget=LOCAL, validators=[reasonable_time], label="Next update"
    )
    expected_resolution_at = forms.DateTimeField(
        required=False, widget=LOCAL, validators=[reasonable_time], label="Expected resolution"
    )
    is_public = forms.BooleanField(required=False, label="Show on the public status page")

    def alert_customers(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["alert"])


class UpdateForm(forms.Form):
    status = forms.ChoiceField(choices=OPEN_CHOICES)
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    next_update_at = forms.DateTimeField(
        widget=LOCAL, validators=[reasonable_time], label="Next update"
    )
    public = forms.BooleanField(
        required=False, initial=True, label="Public (to the affected customers)"
    )


class ResolveForm(forms.Form):
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, label="What happened"
    )
    data_lost = forms.ChoiceField(
        choices=[("", "Not known"), ("no", "No data was lost"), ("yes", "Some data was lost")],
        required=False,
    )
    ticket_reply = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
        label="Reply on linked tickets",
        help_text="{message} is replaced by what happened.",
    )
    keep_open = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Leave these tickets open (the customer still has a problem)",
    )

    def __init__(self, *args: Any, ticket_ids: list[int] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        keep_open = self.fields["keep_open"]
        assert isinstance(keep_open, forms.MultipleChoiceField)  # noqa: S101 - declared above
        keep_open.choices = [(str(t), f"#{t}") for t in ticket_ids]
        if not ticket_ids:  # nothing linked: no reply to write, no ticket to keep open
            del self.fields["keep_open"]
            del self.fields["ticket_reply"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ticket_reply"):
            data["ticket_reply"], problem = fill_reply(
                data["ticket_reply"], data.get("message", "")
            )
            if problem:
                self.add_error("ticket_reply", problem)
        return data

    def data_lost_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["data_lost"])


class ScopeForm(forms.Form):
    """Services and regions to add as the outage spreads (nothing is taken away)."""

    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.in_use(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Add services",
    )
    regions = RegionsField(
        label="Add regions", help_text="Separated by commas; ignored when it affects every region."
    )

    def __init__(self, *args: Any, held: list[int] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        services = self.fields["services"]
        assert isinstance(services, forms.ModelMultipleChoiceField)  # noqa: S101 - declared above
        services.queryset = Service.objects.in_use().exclude(pk__in=held)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=IncidentRole.choices)
    user = forms.ModelChoiceField(queryset=active_agents(), label="Hand it to")


class LinkForm(forms.Form):
    ticket_id = forms.IntegerField(min_value=1, label="Ticket number")


class PostMortemForm(forms.ModelForm):
    class Meta:
        model = PostMortem
        fields = ["root_cause", "root_cause_detail", "internal_report", "customer_version"]
        widgets = {
            "internal_report": forms.Textarea(attrs={"rows": 8}),
            "customer_version": forms.Textarea(attrs={"rows": 8}),
        }


class ActionForm(forms.Form):
    text = forms.CharField(max_length=300, label="Follow-up action")
    owner = forms.ModelChoiceField(queryset=active_agents(), required=False)
    due_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), validators=[reasonable_date]
    )

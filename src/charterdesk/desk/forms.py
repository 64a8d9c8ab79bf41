from typing import Any

from django import forms

from charterdesk.accounts.selectors import agents
from charterdesk.core.moments import reasonable_time
from charterdesk.core.vocabulary import Priority, RequestType
from charterdesk.customers.models import Organization
from charterdesk.customers.selectors import organization_by_name_or_id
from charterdesk.routing.models import Queue
from charterdesk.sla.models import RUNNING_STATES, SlaClock
from charterdesk.tickets.models import Status, Visibility


class QueueFilterForm(forms.Form):
    queue = forms.ModelChoiceField(Queue.objects.all(), required=False, empty_label="All queues")
    status = forms.ChoiceField(choices=[("", "Open (all)"), *Status.choices], required=False)
    type = forms.ChoiceField(choices=[("", "All types"), *RequestType.choices], required=False)
    # A name (or id) to type, not a list: a desk has thousands of organizations.
    organization = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"placeholder": "Name"})
    )
    assignee = forms.ModelChoiceField(agents(), required=False, empty_label="Anyone")

    def clean_organization(self) -> Organization | None:
        text = self.cleaned_data["organization"].strip()
        if not text:
            return None
        organization = organization_by_name_or_id(text)
        if organization is None:
            raise forms.ValidationError(f"No organization is called “{text}”.")
        return organization

    def selected(self) -> dict[str, str]:
        """The filters as ids and values, for the queue selector."""
        if not self.is_valid():
            return {}
        return {
            name: str(getattr(value, "pk", value))
            for name, value in self.cleaned_data.items()
            if value
        }


class AgentReplyForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.PUBLIC, widget=forms.RadioSelect
    )
    status = forms.ChoiceField(
        label="Then set status",
        choices=[("", "Leave as is"), *Status.choices[:-1]],
        required=False,
    )


class PropertiesForm(forms.Form):
    request_type = forms.ChoiceField(label="Type", choices=RequestType.choices)
    priority = forms.ChoiceField(choices=Priority.choices)
    status = forms.ChoiceField(choices=Status.choices)
    queue = forms.ModelChoiceField(Queue.objects.all(), empty_label=None)
    assignee = forms.ModelChoiceField(agents(), required=False, empty_label="Unassigned")


class OverrideForm(forms.Form):
    """Set one deadline by hand; the reason goes to the history."""

    clock = forms.TypedChoiceField(label="Deadline", coerce=int)
    due_at = forms.DateTimeField(
        label="New deadline",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[reasonable_time],
    )
    reason = forms.CharField(max_length=300)

    def __init__(self, *args: Any, clocks: list[SlaClock], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clock"].choices = [  # type: ignore[attr-defined]
            (c.pk, c.get_metric_display()) for c in clocks if c.state in RUNNING_STATES
        ]

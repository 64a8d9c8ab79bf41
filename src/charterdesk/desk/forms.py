from typing import Any

from django import forms
from django.urls import reverse_lazy

from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agents
from charterdesk.core.choices import SharedModelChoiceField
from charterdesk.core.moments import reasonable_time
from charterdesk.core.panels import PanelForm
from charterdesk.core.vocabulary import Priority, RequestType
from charterdesk.core.widgets import QuickSelect, QuickTextInput
from charterdesk.customers.models import Contact, Organization
from charterdesk.customers.selectors import (
    contacts_matching,
    organization_by_name_or_id,
    organizations_matching,
)
from charterdesk.routing.models import Queue
from charterdesk.sla.models import RUNNING_STATES, SlaClock
from charterdesk.tickets.models import Category, Status, Visibility
from charterdesk.tickets.selectors import UNASSIGNED
from charterdesk.tickets.services.fields import clean_tag

ME = "me"
SUGGEST_ORGANIZATIONS = reverse_lazy("desk:suggest", args=["organizations"])
SUGGEST_CONTACTS = reverse_lazy("desk:suggest", args=["contacts"])


def _one_of(found: list[Any], text: str, what: str) -> Any:
    """The single match of what someone typed, or a form error that names the matches."""
    if len(found) == 1:
        return found[0]
    if not found:
        raise forms.ValidationError(f"No {what} matches “{text}”.")
    names = ", ".join(str(f) for f in found[:5])
    raise forms.ValidationError(f"Several {what}s match “{text}”: {names}. Type more of it.")


class CategoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.path)


class QueueFilterForm(forms.Form):
    queue = forms.ModelChoiceField(
        Queue.objects.all(), required=False, empty_label="All queues", widget=QuickSelect
    )
    status = forms.ChoiceField(
        choices=[("", "Open (all)"), *Status.choices], required=False, widget=QuickSelect
    )
    type = forms.ChoiceField(
        choices=[("", "All types"), *RequestType.choices], required=False, widget=QuickSelect
    )
    priority = forms.ChoiceField(
        choices=[("", "All priorities"), *Priority.choices], required=False, widget=QuickSelect
    )
    # Names to type, with suggestions, not lists: a desk has thousands of organizations.
    organization = forms.CharField(
        required=False,
        widget=QuickTextInput(
            attrs={
                "placeholder": "Name",
                "data-suggest": SUGGEST_ORGANIZATIONS,
                "autocomplete": "off",
            }
        ),
    )
    requester = forms.CharField(
        required=False,
        widget=QuickTextInput(
            attrs={
                "placeholder": "Address or name",
                "data-suggest": SUGGEST_CONTACTS,
                "autocomplete": "off",
            }
        ),
    )
    assignee = forms.ChoiceField(required=False, widget=QuickSelect)
    tag = forms.CharField(
        required=False,
        max_length=60,
        widget=QuickTextInput(attrs={"placeholder": "e.g. vip", "autocomplete": "off"}),
    )
    category = CategoryChoice(
        Category.objects.none(), required=False, empty_label="Any category", widget=QuickSelect
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Read once for the page: the bulk bar offers the active ones of the same two lists
        # (desk/queue.html passes them to it), two statements fewer.
        self.agents = list(agents().order_by("email"))
        self.categories = list(Category.objects.order_by("path"))
        category = self.fields["category"]
        category.queryset = Category.objects.order_by("path")  # type: ignore[attr-defined]
        category.choices = [  # type: ignore[attr-defined]
            ("", category.empty_label),  # type: ignore[attr-defined]
            *((c.pk, str(c.path)) for c in self.categories),
        ]
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            (ME, "Me"),
            (UNASSIGNED, "Unassigned"),
            *((str(a.pk), str(a)) for a in self.agents),
        ]

    def clean_organization(self) -> Organization | None:
        text = self.cleaned_data["organization"].strip()
        if not text:
            return None
        exact = organization_by_name_or_id(text)
        return exact or _one_of(organizations_matching(text, limit=6), text, "organization")

    def clean_requester(self) -> Contact | None:
        text = self.cleaned_data["requester"].strip()
        if not text:
            return None
        found = contacts_matching(text, limit=6)
        exact = [c for c in found if c.email == text.lower()]
        return _one_of(exact or found, text, "contact")

    def clean_tag(self) -> str:
        text = self.cleaned_data["tag"].strip()
        try:
            return clean_tag(text) if text else ""
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc

    def clean_assignee(self) -> str:
        value: str = self.cleaned_data["assignee"]
        return str(self.user.pk) if value == ME else value

    def selected(self) -> dict[str, str]:
        """The filters as ids and values, for the queue selector."""
        if not self.is_valid():
            return {}
        return {
            name: str(getattr(value, "pk", value))
            for name, value in self.cleaned_data.items()
            if value
        }


class AgentReplyForm(PanelForm):
    panel = "reply"
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 5}))
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.PUBLIC, widget=forms.RadioSelect
    )
    status = forms.ChoiceField(
        label="Then set status",
        choices=[("", "Leave as is"), *Status.choices[:-1]],
        required=False,
    )


class PropertiesForm(PanelForm):
    panel = "properties"
    status = forms.ChoiceField(choices=Status.choices)
    priority = forms.ChoiceField(choices=Priority.choices)
    request_type = forms.ChoiceField(label="Type", choices=RequestType.choices)
    queue = SharedModelChoiceField(Queue.objects.all(), shared="queues", empty_label=None)
    assignee = SharedModelChoiceField(
        agents(), shared="agents", required=False, empty_label="Unassigned"
    )


class OverrideForm(PanelForm):
    """Set one deadline by hand; the reason goes to the history."""

    panel = "deadline"

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


class AnonymizeForm(PanelForm):
    """Remove a solved or closed ticket's personal data for good (administrators)."""

    panel = "anonymize"

    reason = forms.CharField(
        max_length=300, help_text="Goes to the ticket's history, e.g. “erasure request of 2 Dec”."
    )
    confirm = forms.BooleanField(
        label="I understand: the subject, messages, files and mail addresses of this ticket "
        "are removed for good",
        error_messages={"required": "Tick the box to confirm: this cannot be undone."},
    )

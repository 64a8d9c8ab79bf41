from django import forms
from django.db.models import QuerySet

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.customers.models import Contact, Organization

from .models import MailTemplate, Situation, TaskState


class PlaybookSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search playbooks")
    situation = forms.ChoiceField(
        required=False, choices=[("", "Every situation"), *Situation.choices]
    )


class LessonForm(forms.Form):
    text = forms.CharField(
        label="What I wish I had known",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RunForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.order_by("name"))
    agent = forms.ModelChoiceField(
        queryset=User.objects.filter(role__in=STAFF_ROLES, is_active=True).order_by("email"),
        required=False,
        label="Assigned agent",
        help_text="Owns the steps for the assigned agent; default: you.",
    )


class TaskFinishForm(forms.Form):
    state = forms.ChoiceField(
        choices=[(TaskState.DONE, "Done"), (TaskState.SKIPPED, "Skipped")],
        widget=forms.RadioSelect,
        initial=TaskState.DONE,
        label="Outcome",
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="Note",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TaskMailForm(forms.Form):
    template = forms.ModelChoiceField(queryset=MailTemplate.objects.none(), label="Template")
    contacts = forms.ModelMultipleChoiceField(
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Send to",
    )

    def __init__(
        self,
        *args: object,
        templates: QuerySet[MailTemplate],
        contacts: QuerySet[Contact],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        self.fields["contacts"].queryset = contacts  # type: ignore[attr-defined]


class ReviewScheduleForm(forms.Form):
    scheduled_for = forms.DateField(
        label="Review on", widget=forms.DateInput(attrs={"type": "date"})
    )


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        max_length=20000, widget=forms.Textarea(attrs={"rows": 14}), label="Agenda"
    )


class ReviewHoldForm(forms.Form):
    notes = forms.CharField(
        max_length=20000, widget=forms.Textarea(attrs={"rows": 6}), label="Notes of the review"
    )
    action_items = forms.CharField(
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Action items",
        help_text="One per line.",
    )
    next_on = forms.DateField(
        required=False,
        label="Next review on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: one review cadence after this one.",
    )


class CadenceForm(forms.Form):
    review_every_months = forms.IntegerField(
        min_value=1,
        max_value=24,
        label="Review every (months)",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

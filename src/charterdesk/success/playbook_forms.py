"""The playbook editor's forms: what the playbook says, its steps and its mail templates
(one formset each, a few blank rows to add to; a row with an empty title or name is left
out), turned into the `Content` the services check."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from charterdesk.accounts.models import STAFF_ROLES, User

from . import playbooks
from .models import OwnerRole, PlaybookVersion, Situation

BLANK_STEPS = 3
BLANK_TEMPLATES = 1


class PlaybookForm(forms.Form):
    title = forms.CharField(max_length=200)
    situation = forms.ChoiceField(choices=Situation.choices)
    summary = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    script = forms.CharField(
        required=False,
        max_length=50000,
        label="Script for the call",
        help_text="Sample dialogue, in Markdown.",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    change_note = forms.CharField(
        required=False,
        max_length=300,
        label="What changed",
        help_text="Shown in the list of versions.",
    )


class StepForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, label="Step")
    description = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_role = forms.ChoiceField(
        choices=OwnerRole.choices, initial=OwnerRole.ASSIGNED_AGENT, label="Owner"
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.filter(role__in=STAFF_ROLES, is_active=True).order_by("email"),
        required=False,
        label="Named person",
        help_text="For the owner “a named person”.",
    )
    due_days = forms.IntegerField(
        min_value=0,
        max_value=playbooks.MAX_DUE_DAYS,
        initial=0,
        label="Due after (business days)",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("title", "").strip() and data.get("description", "").strip():
            self.add_error("title", "Give the step a title (or clear the row).")
        return data


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=100, required=False, label="Template name")
    subject = forms.CharField(max_length=200, required=False)
    body = forms.CharField(
        max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        written = data.get("subject", "").strip() or data.get("body", "").strip()
        if written and not data.get("name", "").strip():
            self.add_error("name", "Give the template a name (or clear the row).")
        return data


StepFormSet = forms.formset_factory(StepForm, extra=0, can_delete=True, max_num=100)
TemplateFormSet = forms.formset_factory(TemplateForm, extra=0, can_delete=True, max_num=50)


class PlaybookEditor:
    """The three forms of the editor, bound to a POST or filled from a version."""

    def __init__(self, data: Any = None, *, version: PlaybookVersion | None = None) -> None:
        initial, steps, templates = _initial(version)
        self.playbook = PlaybookForm(data, initial=initial)
        self.steps = StepFormSet(data, prefix="steps", initial=steps)
        self.templates = TemplateFormSet(data, prefix="templates", initial=templates)
        if data is None:
            self.steps.extra = BLANK_STEPS
            self.templates.extra = BLANK_TEMPLATES
        self._step_forms: list[forms.Form] = []
        self._template_forms: list[forms.Form] = []

    def is_valid(self) -> bool:
        return all([self.playbook.is_valid(), self.steps.is_valid(), self.templates.is_valid()])

    def content(self) -> playbooks.Content:
        """The content of valid forms; kept rows are remembered to place service errors."""
        self._step_forms = _kept(self.steps, "title")
        self._template_forms = _kept(self.templates, "name")
        data = self.playbook.cleaned_data
        return playbooks.Content(
            title=data["title"],
            situation=data["situation"],
            summary=data["summary"],
            script=data["script"],
            change_note=data["change_note"],
            steps=[
                playbooks.StepIn(
                    title=f.cleaned_data["title"],
                    owner_role=f.cleaned_data["owner_role"],
                    due_days=f.cleaned_data["due_days"],
                    description=f.cleaned_data["description"],
                    owner=f.cleaned_data["owner"],
                )
                for f in self._step_forms
            ],
            templates=[
                playbooks.TemplateIn(
                    f.cleaned_data["name"], f.cleaned_data["subject"], f.cleaned_data["body"]
                )
                for f in self._template_forms
            ],
        )

    def show_errors(self, exc: ValidationError) -> None:
        """A service's errors (`steps[1].owner`, `title`, ...) under their fields."""
        for key, messages in exc.message_dict.items():
            form, field = self._place(key)
            form.add_error(field if field in form.fields else None, messages)

    def _place(self, key: str) -> tuple[forms.Form, str]:
        for prefix, rows in (("steps", self._step_forms), ("templates", self._template_forms)):
            if key.startswith(f"{prefix}["):
                index, _, field = key[len(prefix) + 1 :].partition("].")
                if index.isdigit() and int(index) < len(rows):
                    return rows[int(index)], field
        return self.playbook, key

    @property
    def has_errors(self) -> bool:
        return bool(
            self.playbook.errors
            or any(self.steps.errors)
            or self.steps.non_form_errors()
            or any(self.templates.errors)
            or self.templates.non_form_errors()
        )


def _kept(formset: forms.BaseFormSet, key: str) -> list[forms.Form]:
    """The rows to keep: filled in (by `key`) and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data.get(key, "").strip() and not form.cleaned_data.get("DELETE")
    ]


def _initial(
    version: PlaybookVersion | None,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    if version is None:
        return {"situation": Situation.ONBOARDING}, [], []
    content = playbooks.content_of(version)
    initial = {
        "title": content.title,
        "situation": content.situation,
        "summary": content.summary,
        "script": content.script,
    }
    steps = [
        {
            "title": s.title,
            "description": s.description,
            "owner_role": s.owner_role,
            "owner": s.owner,
            "due_days": s.due_days,
        }
        for s in content.steps
    ]
    templates = [{"name": t.name, "subject": t.subject, "body": t.body} for t in content.templates]
    return initial, steps, templates

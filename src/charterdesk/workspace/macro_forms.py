"""The macro form: what a macro writes and what it changes, as an agent fills it in."""

import re
from typing import Any

from django import forms

from charterdesk.accounts.selectors import active_agents
from charterdesk.core.vocabulary import Priority, RequestType
from charterdesk.routing.models import Queue, Team
from charterdesk.tickets.models import Status

from .changes import ME
from .models import Macro, MacroVisibility
from .placeholders import PLACEHOLDERS
from .services import MacroInput

LEAVE = ""
UNASSIGN = "none"
FIELD_LINE = re.compile(r"\s*([\w-]+)\s*[:=]\s*(.*)")


def _leave(choices: Any) -> list[tuple[str, str]]:
    return [(LEAVE, "Leave as is"), *choices]


class MacroForm(forms.Form):
    title = forms.CharField(max_length=100)
    body = forms.CharField(
        label="Reply",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Posted as a public reply; placeholders such as {{ requester.first_name }}.",
    )
    note = forms.CharField(
        label="Internal note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    visibility = forms.ChoiceField(
        label="Who may use it", choices=MacroVisibility.choices, widget=forms.RadioSelect
    )
    team = forms.ModelChoiceField(Team.objects.all(), required=False, empty_label="—")
    status = forms.ChoiceField(
        label="Set status", choices=_leave(Status.choices[:-1]), required=False
    )
    priority = forms.ChoiceField(
        label="Set priority", choices=_leave(Priority.choices), required=False
    )
    request_type = forms.ChoiceField(
        label="Set type", choices=_leave(RequestType.choices), required=False
    )
    queue = forms.ModelChoiceField(
        Queue.objects.all(), label="Move to queue", required=False, empty_label="Leave as is"
    )
    assignee = forms.ChoiceField(label="Assign to", required=False)
    add_tags = forms.CharField(label="Add tags", required=False, max_length=500)
    remove_tags = forms.CharField(label="Remove tags", required=False, max_length=500)
    set_fields = forms.CharField(
        label="Set custom fields",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line: key: value (e.g. environment: production).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            (LEAVE, "Leave as is"),
            (ME, "Me (whoever applies it)"),
            (UNASSIGN, "Nobody (unassign)"),
            *((str(a.pk), str(a)) for a in active_agents().order_by("email")),
        ]

    def clean_set_fields(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for line in self.cleaned_data["set_fields"].splitlines():
            if not line.strip():
                continue
            match = FIELD_LINE.fullmatch(line)
            if match is None:
                raise forms.ValidationError(f"Write “key: value”, not “{line[:60]}”.")
            values[match.group(1)] = match.group(2).strip()
        return values

    def changes(self) -> dict[str, Any]:
        """The changes as `workspace.changes` takes them (checked again by the service)."""
        data = self.cleaned_data
        changes: dict[str, Any] = {
            key: data[key] for key in ("status", "priority", "request_type") if data[key]
        }
        if data["queue"]:
            changes["queue"] = data["queue"].pk
        if data["assignee"]:
            changes["assignee"] = None if data["assignee"] == UNASSIGN else data["assignee"]
        for key in ("add_tags", "remove_tags"):
            if data[key].strip():
                changes[key] = re.split(r"[,\s]+", data[key].strip())
        if data["set_fields"]:
            changes["fields"] = data["set_fields"]
        return changes

    def macro_input(self) -> MacroInput:
        data = self.cleaned_data
        return MacroInput(
            title=data["title"],
            body=data["body"],
            note=data["note"],
            visibility=data["visibility"],
            team=data["team"],
            changes=self.changes(),
        )


def initial_of(macro: Macro) -> dict[str, Any]:
    """The form's initial values for an existing macro."""
    changes = macro.changes
    assignee = changes.get("assignee", LEAVE)
    return {
        "title": macro.title,
        "body": macro.body,
        "note": macro.note,
        "visibility": macro.visibility,
        "team": macro.team_id,
        **{key: changes.get(key, LEAVE) for key in ("status", "priority", "request_type")},
        "queue": changes.get("queue"),
        "assignee": UNASSIGN if "assignee" in changes and assignee is None else assignee,
        "add_tags": ", ".join(changes.get("add_tags", [])),
        "remove_tags": ", ".join(changes.get("remove_tags", [])),
        "set_fields": "\n".join(f"{k}: {v}" for k, v in changes.get("fields", {}).items()),
    }


PLACEHOLDER_HELP = sorted(PLACEHOLDERS.items())

import re
from typing import Any

from django import forms

from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import active_agents
from charterdesk.core.vocabulary import Priority
from charterdesk.core.widgets import QuickSelect
from charterdesk.tickets.models import Category, Status

from .changes import ME
from .selectors import macros_visible_to

LEAVE, UNASSIGN = "", "none"


class BulkForm(forms.Form):
    """The bulk bar above the queue: what to change on the selected tickets."""

    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    # Selects rendered in Python: the bar is on every page of the queue (core.widgets).
    status = forms.ChoiceField(
        choices=[(LEAVE, "Status…"), *Status.choices[:-1]], required=False, widget=QuickSelect
    )
    priority = forms.ChoiceField(
        choices=[(LEAVE, "Priority…"), *Priority.choices], required=False, widget=QuickSelect
    )
    assignee = forms.ChoiceField(required=False, widget=QuickSelect)
    category = forms.ChoiceField(required=False, widget=QuickSelect)
    add_tags = forms.CharField(required=False, max_length=300, label="Add tags")
    remove_tags = forms.CharField(required=False, max_length=300, label="Remove tags")
    macro = forms.ChoiceField(required=False, widget=QuickSelect)

    def __init__(
        self,
        *args: Any,
        user: User,
        agents: list[User] | None = None,
        categories: list[Category] | None = None,
        **kwargs: Any,
    ) -> None:
        """`agents` (everyone who works tickets, by address) and `categories` (all, by
        path): lists the page has read already, of which the bar offers the active ones;
        read here when not given."""
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        posted = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in posted]  # type: ignore[attr-defined]
        if agents is None:
            agents = list(active_agents().order_by("email"))
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            (LEAVE, "Assign…"),
            (ME, "Me"),
            (UNASSIGN, "Nobody"),
            *((str(a.pk), str(a)) for a in agents if a.is_active),
        ]
        if categories is None:
            categories = list(Category.objects.filter(active=True).order_by("path")[:500])
        categories = [c for c in categories if c.active][:500]
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            (LEAVE, "Category…"),
            (UNASSIGN, "No category"),
            *((str(c.pk), c.path) for c in categories),
        ]
        macros = macros_visible_to(user).order_by("-usage_count", "title")[:200]
        self.fields["macro"].choices = [  # type: ignore[attr-defined]
            (LEAVE, "Apply a macro…"),
            *((str(m.pk), m.title) for m in macros),
        ]

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes: dict[str, Any] = {k: data[k] for k in ("status", "priority") if data[k]}
        if data["assignee"]:
            changes["assignee"] = None if data["assignee"] == UNASSIGN else data["assignee"]
        if data["category"]:
            changes["category"] = None if data["category"] == UNASSIGN else data["category"]
        for key in ("add_tags", "remove_tags"):
            if data[key].strip():
                changes[key] = re.split(r"[,\s]+", data[key].strip())
        return changes

from typing import Any

from django import forms

from charterdesk.core.choices import SharedModelChoiceField
from charterdesk.core.panels import PanelForm
from charterdesk.tickets.category_models import Category, RootCause
from charterdesk.tickets.category_selectors import category_choices


class CategoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.path)


class SharedCategoryChoice(SharedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.path)


class TicketCategoryForm(PanelForm):
    panel = "category"
    # the active categories (category_choices), read once for the ticket page
    category = SharedCategoryChoice(
        category_choices(), shared="active-categories", required=False, empty_label="No category"
    )


class RootCauseForm(PanelForm):
    panel = "cause"
    root_cause = forms.ChoiceField(
        label="Root cause", choices=[("", "Not recorded"), *RootCause.choices], required=False
    )
    solve = forms.BooleanField(label="Solve the ticket too", required=False)


class CategoryForm(forms.Form):
    """Add a category, or rename and move one (managers)."""

    name = forms.CharField(max_length=80)
    parent = CategoryChoice(Category.objects.none(), required=False, empty_label="(top level)")
    position = forms.IntegerField(min_value=0, max_value=32000, initial=0, required=False)
    outside_scope = forms.BooleanField(
        label="Not one of our categories",
        required=False,
        help_text="Tickets filed here teach triage to leave requests like them to a person; "
        "it is never suggested.",
    )

    def __init__(self, *args: Any, editing: Category | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = category_choices()
        if editing is not None:
            parents = parents.exclude(pk=editing.pk).exclude(path__startswith=f"{editing.path} › ")
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

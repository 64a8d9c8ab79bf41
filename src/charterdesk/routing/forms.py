from typing import Any

from django import forms

from charterdesk.core.querystring import parse_id
from charterdesk.core.vocabulary import Channel, RequestType
from charterdesk.customers.models import Organization
from charterdesk.plans.models import Plan
from charterdesk.products.models import Product
from charterdesk.tickets.models import Category

from .models import Availability, Queue, RoutingRule
from .services import MAX_POSITION


class WordsField(forms.CharField):
    """A comma-separated list typed in one box, e.g. "de, fr"."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [w.strip() for w in text.split(",") if w.strip()]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(map(str, value)) if isinstance(value, list) else value


def _boxes(choices: Any, label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class IdsField(forms.ModelMultipleChoiceField):
    """Choices by id; an id too large for the database is an unknown choice, not a crash."""

    def clean(self, value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        if any(parse_id(str(v)) is None for v in values):
            raise forms.ValidationError("Choose from the list.", code="invalid_choice")
        return super().clean(value)


def _category_label(category: Category) -> str:
    return category.path if category.active else f"{category.path} (deactivated)"


class CategoriesField(IdsField):
    def label_from_instance(self, obj: Any) -> str:
        return _category_label(obj)


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _category_label(obj)


class RuleForm(forms.Form):
    """A routing rule as a manager edits it; an empty condition matches anything."""

    name = forms.CharField(label="Name", max_length=100)
    queue = forms.ModelChoiceField(label="Send to queue", queryset=Queue.objects.all())
    position = forms.IntegerField(
        label="Position",
        min_value=0,
        max_value=MAX_POSITION,
        initial=100,
        help_text="Rules are tried from the lowest position; the first match wins.",
    )
    enabled = forms.BooleanField(label="Enabled", required=False, initial=True)
    request_types = _boxes(RequestType.choices, "Request types")
    channels = _boxes(Channel.choices, "Channels")
    organizations = IdsField(
        label="Organizations", queryset=Organization.objects.order_by("name"), required=False
    )
    plans = IdsField(label="Plans", queryset=Plan.objects.order_by("position"), required=False)
    products = forms.MultipleChoiceField(
        label="Products",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text="From the product catalogue; none chosen: any product.",
    )
    languages = WordsField(label="Languages", required=False, help_text="e.g. de, fr")
    regions = WordsField(label="Regions", required=False, help_text="e.g. EU, APAC")
    categories = CategoriesField(
        label="Categories",
        queryset=Category.objects.order_by("path"),
        required=False,
        help_text="Each also takes the categories below it. Tickets get a category from a "
        "rule or from triage, which routes the ticket again (docs/routing.md).",
    )
    set_category = CategoryField(
        label="Then set category",
        queryset=Category.objects.order_by("path"),
        required=False,
        empty_label="— leave it to triage —",
        help_text="Set on a new ticket this rule routes, recorded as set by a rule.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The catalogue's products on offer, plus any a rule names that has since been
        # retired (shown as such, so saving the rule does not drop it silently).
        offered = list(
            Product.objects.filter(active=True).order_by("name").values_list("name", flat=True)
        )
        kept = [p for p in (self.initial.get("products") or []) if p not in offered]
        choices = [(n, n) for n in offered] + [(n, f"{n} (retired)") for n in kept]
        self.fields["products"].choices = choices  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, rule: RoutingRule) -> dict[str, Any]:
        return {
            "name": rule.name,
            "queue": rule.queue_id,
            "position": rule.position,
            "enabled": rule.enabled,
            "request_types": rule.request_types,
            "channels": rule.channels,
            "organizations": rule.organizations,
            "plans": rule.plans,
            "products": rule.products,
            "languages": rule.languages,
            "regions": rule.regions,
            "categories": rule.categories,
            "set_category": rule.set_category_id,
        }

    def changes(self) -> dict[str, Any]:
        """The cleaned form as routing_rule_save's fields (ids for organizations and plans)."""
        data = dict(self.cleaned_data)
        data["organizations"] = [o.pk for o in data["organizations"]]
        data["plans"] = [p.pk for p in data["plans"]]
        data["categories"] = [c.pk for c in data["categories"]]
        return data


class AvailabilityForm(forms.Form):
    availability = forms.ChoiceField(choices=Availability.choices, widget=forms.RadioSelect)

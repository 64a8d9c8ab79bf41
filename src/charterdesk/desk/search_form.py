"""The desk's ticket search form: words in the query language plus the filters as
fields; the fields are written into the query (status:open …), so a search typed in the
top bar and one built with the fields are the same search."""

from django import forms

from charterdesk.core.vocabulary import RequestType
from charterdesk.routing.models import Tier
from charterdesk.search.query import field_text
from charterdesk.tickets.models import Status

from .forms import SUGGEST_CONTACTS, SUGGEST_ORGANIZATIONS

ORDERS = [("relevance", "Best match"), ("date", "Newest first")]
DAY = forms.DateInput(attrs={"type": "date"})


class TicketSearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": 'Words, "a phrase", -without, #123'}
        ),
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *Status.choices], required=False)
    type = forms.ChoiceField(choices=[("", "Any type"), *RequestType.choices], required=False)
    org = forms.CharField(
        label="Organization",
        required=False,
        widget=forms.TextInput(
            attrs={"data-suggest": SUGGEST_ORGANIZATIONS, "autocomplete": "off"}
        ),
    )
    requester = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"data-suggest": SUGGEST_CONTACTS, "autocomplete": "off"}),
    )
    assignee = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"placeholder": "me, a name, or none"})
    )
    tier = forms.ChoiceField(choices=[("", "Any tier"), *Tier.choices], required=False)
    created_after = forms.DateField(label="Created after", required=False, widget=DAY)
    created_before = forms.DateField(label="Created before", required=False, widget=DAY)
    order = forms.ChoiceField(choices=ORDERS, required=False)

    def query(self) -> str:
        """The whole search in the query language (call after is_valid)."""
        data = self.cleaned_data
        parts = [data["q"].strip()]
        for name in ("status", "type", "org", "requester", "assignee", "tier"):
            if data.get(name):
                parts.append(field_text(name, str(data[name])))
        if data.get("created_after"):
            parts.append(f"created>{data['created_after'].isoformat()}")
        if data.get("created_before"):
            parts.append(f"created<{data['created_before'].isoformat()}")
        return " ".join(part for part in parts if part)

    def chosen_order(self) -> str:
        return self.cleaned_data.get("order") or "relevance"

from typing import Any

from django import forms

from charterdesk.accounts.selectors import active_agents
from charterdesk.core.vocabulary import RequestType
from charterdesk.knowledge.models import Article
from charterdesk.products.selectors import products_offered
from charterdesk.tickets.models import Ticket


class DoneForm(forms.Form):
    reflection = forms.CharField(
        label="What you learned (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApproveForm(forms.Form):
    body = forms.CharField(
        label="Reply to send", max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What to change", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PathForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    product = forms.ModelChoiceField(
        products_offered(), required=False, empty_label="Every product"
    )
    request_type = forms.ChoiceField(
        label="Request type", choices=[("", "Every type"), *RequestType.choices], required=False
    )


class ItemForm(forms.Form):
    ticket = forms.IntegerField(
        label="Solved ticket number", required=False, min_value=1, max_value=2**31 - 1
    )
    article = forms.IntegerField(
        label="or article number", required=False, min_value=1, max_value=2**31 - 1
    )
    note = forms.CharField(
        label="What to learn from it", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ticket"):
            data["ticket"] = Ticket.objects.filter(pk=data["ticket"]).first()
            if data["ticket"] is None:
                self.add_error("ticket", "No such ticket.")
        if data.get("article"):
            data["article"] = Article.objects.filter(pk=data["article"]).first()
            if data["article"] is None:
                self.add_error("article", "No such article.")
        return data


class EnrollForm(forms.Form):
    learner = forms.ModelChoiceField(active_agents().order_by("name", "email"), label="Agent")


class ShadowForm(forms.Form):
    learner = forms.ModelChoiceField(
        active_agents().order_by("name", "email"), label="New agent in shadow mode"
    )
    mentor = forms.ModelChoiceField(active_agents().order_by("name", "email"), label="Mentor")

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from charterdesk.accounts.access import contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.search.ticket_search import TicketResults, search_for_form

PAGE_SIZE = 20


class RequestSearchForm(forms.Form):
    q = forms.CharField(
        label="Search your organization's requests",
        max_length=500,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": 'Words, "a phrase", status:solved, #123'}
        ),
    )
    order = forms.ChoiceField(
        choices=[("relevance", "Best match"), ("date", "Newest first")], required=False
    )


@contact_required
def search(request: HttpRequest) -> HttpResponse:
    """A customer's search over their organization's requests (never internal notes)."""
    form = RequestSearchForm(request.GET or None)
    results: TicketResults | None = None
    if form.is_valid():
        results = search_for_form(
            form,
            signed_in_user(request),
            form.cleaned_data["q"],
            order=form.cleaned_data["order"] or "relevance",
            limit=PAGE_SIZE,
            cursor=request.GET.get("cursor") or None,
        )
        if results is not None and results.jump_to is not None:
            return redirect("portal:ticket", ticket_id=results.jump_to.pk)
    return render(request, "portal/search.html", {"form": form, "results": results})

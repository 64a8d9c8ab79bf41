from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.search.ticket_search import TicketResults, search_for_form

from .search_form import TicketSearchForm

PAGE_SIZE = 25


@agent_required
def search(request: HttpRequest) -> HttpResponse:
    """Ticket search: the top bar's box and the fields of this page; `#123` opens 123."""
    form = TicketSearchForm(request.GET or None)
    results: TicketResults | None = None
    if form.is_valid() and form.query():
        results = search_for_form(
            form,
            signed_in_user(request),
            form.query(),
            order=form.chosen_order(),
            limit=PAGE_SIZE,
            cursor=request.GET.get("cursor") or None,
        )
        if results is not None and results.jump_to is not None:
            return redirect("desk:ticket", ticket_id=results.jump_to.pk)
    return render(request, "desk/search.html", {"form": form, "results": results})

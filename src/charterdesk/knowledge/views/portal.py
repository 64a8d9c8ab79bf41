"""Suggested articles while a customer writes a new request in the portal."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from charterdesk.accounts.access import contact_required
from charterdesk.accounts.auth import signed_in_user

from .. import services
from ..suggestions import suggest

MIN_WORDS = 2


@contact_required
def request_suggestions(request: HttpRequest) -> HttpResponse:
    """The articles matching what is typed so far (fetched by the form, debounced)."""
    user = signed_in_user(request)
    text = f"{request.GET.get('subject', '')} {request.GET.get('body', '')}".strip()
    found = suggest(user, text, limit=5) if len(text.split()) >= MIN_WORDS else []
    attempt = request.GET.get("attempt", "")
    if found:
        with transaction.atomic():
            services.suggestions_shown(user, attempt, [s.article for s in found])
    return render(
        request, "knowledge/_portal_suggestions.html", {"found": found, "attempt": attempt}
    )

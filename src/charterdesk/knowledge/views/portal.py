"""Suggested articles while a customer writes a new request in the portal."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from charterdesk.accounts.access import contact_required
from charterdesk.accounts.auth import signed_in_user

from .. import services
from ..elsewhere import answers_elsewhere
from ..reader import language_of
from ..suggestions import suggest

MIN_WORDS = 2


@contact_required
def request_suggestions(request: HttpRequest) -> HttpResponse:
    """The articles matching what is typed so far (fetched by the form, debounced)."""
    user = signed_in_user(request)
    text = f"{request.GET.get('subject', '')} {request.GET.get('body', '')}".strip()
    enough = len(text.split()) >= MIN_WORDS
    found = suggest(user, text, language=language_of(request)) if enough else []
    elsewhere = answers_elsewhere(user, text, similar=True, limit=3) if enough else []
    attempt = request.GET.get("attempt", "")
    if found:
        with transaction.atomic():
            services.suggestions_shown(user, attempt, [s.article for s in found])
    context = {"found": found, "elsewhere": elsewhere, "attempt": attempt}
    return render(request, "knowledge/_portal_suggestions.html", context)

"""The knowledge panel of the desk's ticket page: suggested articles (inserted into the
reply in one click), "article needed" / "article wrong" flags, and a draft from a solved
ticket."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.panels import show_again
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for

from .. import services
from ..forms import FlagForm
from ..models import Article
from ..selectors import article_get_for, articles_visible_to
from ..suggestions import article_url, for_ticket


def _ticket(request: HttpRequest, ticket_id: int) -> Ticket:
    try:
        return ticket_get_for(signed_in_user(request), ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc


@agent_required
@require_GET
def suggested(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The articles suggested for the ticket, searched after the page is shown: the page
    asks for this list when it has loaded (htmx) so its own answer does not wait on the
    search. Without JavaScript the page links here and this is a page of its own."""
    user = signed_in_user(request)
    try:
        context = {"ticket_id": ticket_id, "suggestions": for_ticket(user, ticket_id)}
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc
    if request.headers.get("HX-Request"):
        return render(request, "knowledge/_ticket_suggestions.html", context)
    context["ticket"] = _ticket(request, ticket_id)
    return render(request, "knowledge/ticket_suggestions.html", context)


@agent_required
@require_POST
def link_insert(request: HttpRequest, ticket_id: int, article_id: int) -> JsonResponse:
    """Count the link toward the article's usefulness; the page puts the text in the reply."""
    user = signed_in_user(request)
    ticket = _ticket(request, ticket_id)
    try:
        article = article_get_for(user, article_id)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    with transaction.atomic(durable=True):
        services.link_inserted(article, ticket, user)
    url = request.build_absolute_uri(article_url(article))
    title = article.live_version.title if article.live_version else str(article)
    return JsonResponse({"text": f"{title}: {url}", "url": url})


@agent_required
@require_POST
def flag(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user = signed_in_user(request)
    ticket = _ticket(request, ticket_id)
    form = FlagForm(request.POST)
    if not form.is_valid():
        return show_again(request, "ticket", ticket.pk, "knowledge:flag", form)
    visible = articles_visible_to(user, drafts=True)
    article = visible.filter(pk=form.cleaned_data["article"]).first()
    try:
        with transaction.atomic(durable=True):
            raised = services.flag_raise(
                ticket,
                user,
                kind=form.cleaned_data["kind"],
                article=article,
                note=form.cleaned_data["note"],
            )
    except ValidationError as exc:
        return show_again(request, "ticket", ticket.pk, "knowledge:flag", form, exc)
    flash.success(request, f"Flagged: {raised.get_kind_display().lower()}.")
    return redirect("desk:ticket", ticket_id=ticket.pk)


@agent_required
@require_POST
def draft_from_ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user = signed_in_user(request)
    ticket = _ticket(request, ticket_id)
    try:
        with transaction.atomic(durable=True):
            article = services.article_from_ticket(ticket, user)
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("desk:ticket", ticket_id=ticket.pk)
    flash.success(
        request,
        "Draft made from the ticket: names, addresses and numbers were taken out. "
        "Check it, then send it for review.",
    )
    return redirect("knowledge:edit", article_id=article.pk)

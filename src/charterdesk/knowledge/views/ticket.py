"""The knowledge panel of the desk's ticket page: suggested articles (inserted into the
reply in one click), "article needed" / "article wrong" flags, and a draft from a solved
ticket."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for

from .. import services
from ..forms import FlagForm
from ..models import Article
from ..selectors import article_get_for
from ..suggestions import article_url


def _ticket(request: HttpRequest, ticket_id: int) -> Ticket:
    try:
        return ticket_get_for(signed_in_user(request), ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc


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
    try:
        if not form.is_valid():
            raise ValidationError("Choose article needed or article wrong.")
        article = None
        if form.cleaned_data["article"]:
            article = article_get_for(user, form.cleaned_data["article"], drafts=True)
        with transaction.atomic(durable=True):
            raised = services.flag_raise(
                ticket,
                user,
                kind=form.cleaned_data["kind"],
                article=article,
                note=form.cleaned_data["note"],
            )
        flash.success(request, f"Flagged: {raised.get_kind_display().lower()}.")
    except Article.DoesNotExist:
        flash.error(request, "No such article.")
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
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

"""/desk/insights/gaps: solved tickets no article answered and help-center searches that
found nothing, each with "Draft an article"."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user

from ..periods import period_from
from . import selectors
from .forms import GapDraftForm
from .services import gap_draft


@agent_required
def gap_list(request: HttpRequest) -> HttpResponse:
    form, period = period_from(request)
    context = {
        "form": form,
        "period": period,
        "ticket_gaps": selectors.ticket_gaps(period) if period else [],
        "search_gaps": selectors.search_gaps(period) if period else [],
        "min_tickets": selectors.MIN_TICKETS,
    }
    return render(request, "insights/gaps.html", context)


@agent_required
@require_POST
def gap_draft_article(request: HttpRequest) -> HttpResponse:
    form = GapDraftForm(request.POST)
    _, period = period_from(request)
    if not form.is_valid() or period is None:
        flash.error(request, "Choose a gap from the list to draft an article for.")
        return redirect("insights:gaps")
    try:
        with transaction.atomic(durable=True):
            article, made = gap_draft(
                actor=signed_in_user(request), period=period, **form.cleaned_data
            )
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("insights:gaps")
    if made:
        flash.success(
            request,
            "Draft made: names, addresses and numbers were taken out. Check it, then send it "
            "for review.",
        )
    return redirect("knowledge:edit", article_id=article.pk)

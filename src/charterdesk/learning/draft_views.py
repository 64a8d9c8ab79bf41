"""Shadow mode in the desk: the mentor's "Drafts to review" queue, approve (as written or
edited) and return with a comment."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors

from .forms import ApproveForm, ReturnForm
from .models import DraftReply
from .selectors import draft_for_mentor, drafts_to_review
from .shadow import draft_approve, draft_return

PAGE = 20


@agent_required
def review_queue(request: HttpRequest, failed: dict[int, object] | None = None) -> HttpResponse:
    page = Paginator(drafts_to_review(signed_in_user(request)), PAGE).get_page(
        request.GET.get("page")
    )
    failed = failed or {}
    rows = [
        (
            d,
            failed.get(d.pk) or ApproveForm(initial={"body": d.body}, prefix=f"d{d.pk}"),
            failed.get(-d.pk) or ReturnForm(prefix=f"r{d.pk}"),
        )
        for d in page
    ]
    return render(request, "learning/drafts.html", {"page": page, "rows": rows})


def _locked(request: HttpRequest, draft_id: int) -> DraftReply:
    try:
        return draft_for_mentor(signed_in_user(request), draft_id)
    except DraftReply.DoesNotExist as exc:
        raise Http404("No such draft for you to review.") from exc


@agent_required
@require_POST
def approve(request: HttpRequest, draft_id: int) -> HttpResponse:
    form = ApproveForm(request.POST, prefix=f"d{draft_id}")
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                draft = _locked(request, draft_id)
                mentor = signed_in_user(request)
                draft_approve(draft=draft, mentor=mentor, body=form.cleaned_data["body"])
            flash.success(request, f"Sent on #{draft.ticket_id}, credited to {draft.learner}.")
            return redirect("learning:drafts")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return review_queue(request, {draft_id: form})


@agent_required
@require_POST
def send_back(request: HttpRequest, draft_id: int) -> HttpResponse:
    form = ReturnForm(request.POST, prefix=f"r{draft_id}")
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                draft = _locked(request, draft_id)
                mentor = signed_in_user(request)
                draft_return(draft=draft, mentor=mentor, comment=form.cleaned_data["comment"])
            flash.success(request, f"Returned to {draft.learner} with your comment.")
            return redirect("learning:drafts")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return review_queue(request, {-draft_id: form})

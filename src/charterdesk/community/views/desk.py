"""Staff pages of the forum under /desk/community/: the moderation queue, the audit trail,
actions on a topic (lock, pin, move, merge, turn into a ticket or an article draft), a
post's edit history, silencing and suspending members."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User

from .. import services
from ..forms import ReasonForm, RestrictForm, TopicActionForm
from ..models import ActionKind, Member, Post, Topic
from ..selectors import audit_trail, moderation_queue, revisions_of
from .common import page_number, slice_page

PAGE = 30


@agent_required
def queue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    page = page_number(request)
    start = (page - 1) * PAGE
    rows, more = slice_page(list(moderation_queue(user)[start : start + PAGE + 1]), PAGE)
    recent = audit_trail(user)[:20]
    context = {"posts": rows, "page": page, "more": more, "recent": recent, "form": ReasonForm()}
    return render(request, "community/desk/moderation.html", context)


@require_POST
@agent_required
def review(request: HttpRequest, post_id: int) -> HttpResponse:
    user = signed_in_user(request)
    post = get_object_or_404(Post.objects.select_related("topic"), pk=post_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        flash.error(request, "Say why: the reason goes into the audit trail.")
        return redirect("community:moderation")
    approve = request.POST.get("decision") == "approve"
    with transaction.atomic(durable=True):
        services.post_review(
            actor=user, post=post, approve=approve, reason=form.cleaned_data["reason"]
        )
    flash.success(request, f"Post {'approved' if approve else 'removed'}.")
    return redirect("community:moderation")


@require_POST
@agent_required
def topic_action(request: HttpRequest, topic_id: int) -> HttpResponse:
    user = signed_in_user(request)
    topic = get_object_or_404(Topic, pk=topic_id)
    form = TopicActionForm(request.POST)
    if not form.is_valid():
        flash.error(request, "Choose an action and say why.")
        return redirect("community:topic", topic.pk)
    try:
        with transaction.atomic(durable=True):
            target = _act(user, topic, form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("community:topic", topic.pk)
    return redirect(target)


def _act(user: User, topic: Topic, data: dict) -> str:
    action, reason = data["action"], data["reason"]
    if action == ActionKind.TO_TICKET:
        ticket = services.topic_to_ticket(actor=user, topic=topic, reason=reason)
        return f"/desk/tickets/{ticket.pk}/"
    if action == ActionKind.TO_ARTICLE:
        article = services.topic_to_article(actor=user, topic=topic, reason=reason)
        return f"/desk/articles/{article.pk}/"
    if action == ActionKind.MOVE:
        if data.get("category") is None:
            raise ValidationError("Choose the category to move the topic to.")
        services.topic_move(actor=user, topic=topic, category=data["category"], reason=reason)
    elif action == ActionKind.MERGE:
        into = Topic.objects.filter(pk=data.get("into") or 0).first()
        if into is None:
            raise ValidationError("Give the number of the topic to merge into.")
        topic = services.topic_merge(actor=user, topic=topic, into=into, reason=reason)
    else:
        services.topic_set(actor=user, topic=topic, action=action, reason=reason)
    return f"/community/t/{topic.pk}/"


@agent_required
def history(request: HttpRequest, post_id: int) -> HttpResponse:
    user = signed_in_user(request)
    post = get_object_or_404(Post.objects.select_related("topic", "author"), pk=post_id)
    context = {"post": post, "revisions": revisions_of(user, post)}
    return render(request, "community/desk/history.html", context)


@agent_required
def member(request: HttpRequest, user_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = get_object_or_404(User, pk=user_id)
    form = RestrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                services.member_restrict(actor=user, member=person, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            flash.success(
                request, f"{person} is restricted until {form.cleaned_data['until']:%d %b %Y}."
            )
            return redirect("community:member", person.pk)
    profile = Member.objects.filter(user=person).first()
    context = {"person": person, "profile": profile, "form": form}
    return render(request, "community/desk/member.html", context)

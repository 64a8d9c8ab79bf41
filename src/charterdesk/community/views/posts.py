"""What members do to a post: vote, accept as the answer, flag, edit; following a topic;
the signed unsubscribe link of the forum's mail."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors
from charterdesk.core.limits import RateLimitError

from .. import services
from ..attachments import attachment_get_for
from ..forms import EditForm, FlagForm
from ..models import Digest, Follow, Member, Post, PostAttachment, Topic
from ..selectors import categories_visible_to, post_get_for, topic_get_for
from ..services.activity import posts_mark_read
from ..services.notify import from_token
from ..services.rules import trust_progress
from .common import reader_of


def _post_or_404(request: HttpRequest, post_id: int) -> Post:
    try:
        return post_get_for(reader_of(request), post_id)
    except Post.DoesNotExist as exc:
        raise Http404("No such post.") from exc


def _back(post: Post) -> HttpResponse:
    return redirect(f"{reverse('community:topic', args=[post.topic_id])}#post-{post.number}")


def _attempt(request: HttpRequest, post: Post, action: object) -> HttpResponse:
    try:
        with transaction.atomic(durable=True):
            action()  # type: ignore[operator]
    except (ValidationError, PermissionDenied, RateLimitError) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        flash.error(request, text)
    return _back(post)


@require_POST
@login_required
def vote(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
    user = signed_in_user(request)
    return _attempt(request, post, lambda: services.post_vote(member=user, post=post))


@require_POST
@login_required
def accept(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
    user = signed_in_user(request)
    return _attempt(request, post, lambda: services.answer_accept(actor=user, post=post))


@require_POST
@login_required
def flag(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
    user = signed_in_user(request)
    form = FlagForm(request.POST)
    if not form.is_valid():
        flash.error(request, "Choose why you flag this post.")
        return _back(post)

    def flag_it() -> None:
        services.post_flag(member=user, post=post, **form.cleaned_data)
        flash.success(request, "Thanks: the moderators will look at it.")

    return _attempt(request, post, flag_it)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
    user = signed_in_user(request)
    initial = {"body": post.body, "title": post.topic.title if post.is_opening else ""}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        title = form.cleaned_data["title"] if post.is_opening else None
        try:
            with transaction.atomic(durable=True):
                services.post_edit(
                    editor=user, post=post, body=form.cleaned_data["body"], title=title
                )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                raise
            add_service_errors(form, exc)
        else:
            return _back(post)
    context = {"form": form, "post": post, "topic": post.topic}
    return render(request, "community/edit.html", context, status=400 if form.errors else 200)


def download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """A post's file for those who may read the post (a closed category's files are a
    404 to others); always a download, never rendered by the browser."""
    try:
        item = attachment_get_for(reader_of(request), attachment_id)
    except PostAttachment.DoesNotExist as exc:
        raise Http404("No such file.") from exc
    response = HttpResponse(bytes(item.blob.data), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, item.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def read(request: HttpRequest, topic_id: int) -> HttpResponse:
    """The topic page's batched read marks (sent with navigator.sendBeacon): the highest
    post number the reader has had on screen. 204, or 400 for a bad number."""
    user = signed_in_user(request)
    try:
        found = topic_get_for(user, topic_id)
    except Topic.DoesNotExist as exc:
        raise Http404("No such topic.") from exc
    raw = request.POST.get("up_to", "")
    if not raw.isdigit() or not 0 < int(raw) < 10_000_000:
        return HttpResponse("up_to: give the highest post number read.", status=400)
    with transaction.atomic(durable=True):
        posts_mark_read(user=user, topic=found, up_to=int(raw))
    return HttpResponse(status=204)


@require_POST
@login_required
def follow_topic(request: HttpRequest, topic_id: int) -> HttpResponse:
    user = signed_in_user(request)
    try:
        found = topic_get_for(user, topic_id)
    except Topic.DoesNotExist as exc:
        raise Http404("No such topic.") from exc
    with transaction.atomic(durable=True):
        if request.POST.get("follow") == "0":
            services.unfollow(member=user, topic_id=found.pk)
        else:
            services.follow(member=user, topic_id=found.pk)
    return redirect("community:topic", found.pk)


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in: the signed token is the proof. GET asks (link scanners follow links);
    the button posts."""
    found = from_token(token[:300])
    if found is None:
        raise Http404("This link is not valid.")
    kind, pk = found
    done = False
    if request.method == "POST":
        with transaction.atomic(durable=True):
            if kind == "follow":
                Follow.objects.filter(pk=pk).delete()
            else:
                Member.objects.filter(user_id=pk).update(digest=Digest.OFF)
        done = True
    return render(request, "community/unsubscribe.html", {"kind": kind, "done": done})


@login_required
@require_http_methods(["GET", "POST"])
def mail_settings(request: HttpRequest) -> HttpResponse:
    """The member's standing (trust level and what it is earned from) and digest setting:
    every post at once, one mail a day, or none."""
    user = signed_in_user(request)
    chosen = request.POST.get("digest", "")
    if request.method == "POST" and chosen in Digest.values:
        with transaction.atomic(durable=True):
            member = services.member_of(user)
            member.digest = chosen
            member.save(update_fields=["digest"])
        flash.success(request, "Saved.")
        return redirect("community:settings")
    profile = Member.objects.filter(user=user).first()
    context = {
        "choices": Digest.choices,
        "current": profile.digest if profile else Digest.IMMEDIATELY,
        "profile": profile,
        "next_level": trust_progress(profile) if profile else None,
    }
    return render(request, "community/settings.html", context)


@require_POST
@login_required
def follow_category(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow a category: a mail for each new topic in it (per the digest setting)."""
    user = signed_in_user(request)
    found = categories_visible_to(user).filter(slug=slug).first()
    if found is None:
        raise Http404("No such category.")
    with transaction.atomic(durable=True):
        if request.POST.get("follow") == "0":
            services.unfollow(member=user, category_id=found.pk)
        else:
            services.follow(member=user, category_id=found.pk)
    return redirect("community:category", found.slug)

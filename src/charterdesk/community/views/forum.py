"""The forum's public pages at /community/: topic lists, a topic with its posts, a new
topic. Readers without an account see the categories open to everyone."""

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors
from charterdesk.search import documents

from .. import services
from ..forms import FlagForm, ReplyForm, TopicForm
from ..indexing import KIND, readable_topics
from ..models import Category, Follow, Post, Review, Topic
from ..selectors import (
    POSTS_PER_PAGE,
    TOPICS_PER_PAGE,
    Listing,
    categories_visible_to,
    posts_visible_to,
    topic_cursor,
    topic_get_for,
    topic_list,
    topics_visible_to,
)
from .common import note_visit, page_number, reader_of, slice_page


def topics(request: HttpRequest, slug: str = "") -> HttpResponse:
    reader = reader_of(request)
    note_visit(request)
    categories = list(categories_visible_to(reader))
    category = None
    if slug:
        category = next((c for c in categories if c.slug == slug), None)
        if category is None:
            raise Http404("No such category.")
    order = request.GET.get("order", Listing.LATEST)
    order = order if order in Listing.ALL else Listing.LATEST
    # Pages go on from a cursor (`after`: keyset paging, as cheap at page 100 as at page
    # 1); `page` (an offset) still answers links from before cursors.
    after = request.GET.get("after", "")[:60]
    page = 1 if after else page_number(request)
    start = (page - 1) * TOPICS_PER_PAGE
    listed = topic_list(reader, order=order, category=category, after=after)
    rows, more = slice_page(list(listed[start : start + TOPICS_PER_PAGE + 1]), TOPICS_PER_PAGE)
    context = {
        "categories": categories, "category": category, "topics": rows, "order": order,
        "orders": Listing.ALL, "page": page, "more": more, "deep": bool(after) or page > 1,
        "next_after": topic_cursor(rows[-1], order) if more else "",
        "signup_open": settings.COMMUNITY_PUBLIC_SIGNUP,
        "following": _follows_category(reader, category),
    }  # fmt: skip
    return render(request, "community/topics.html", context)


def _follows_category(reader: User | None, category: Category | None) -> bool:
    if reader is None or category is None:
        return False
    return Follow.objects.filter(member=reader, category=category).exists()


def topic(request: HttpRequest, topic_id: int) -> HttpResponse:
    note_visit(request)
    return _topic_page(request, topic_id, ReplyForm())


def _topic_page(
    request: HttpRequest, topic_id: int, form: ReplyForm, status: int = 200
) -> HttpResponse:
    reader = reader_of(request)
    found = _topic_or_404(request, topic_id)
    if found.merged_into_id:
        return redirect("community:topic", found.merged_into_id)
    page, rows, earlier, more, here = _posts_page(request, posts_visible_to(reader, found))
    following = reader is not None and Follow.objects.filter(member=reader, topic=found).exists()
    staff = reader is not None and reader.is_agent
    quote = request.GET.get("quote", "")
    if reader is not None and quote.isdigit() and not form.is_bound:
        quoted = posts_visible_to(reader, found).filter(pk=int(quote)).first()
        if quoted is not None:
            text = "\n".join(f"> {line}" for line in quoted.body.splitlines()[:20])
            form = ReplyForm(initial={"body": f"{text}\n\n", "reply_to": quoted.pk})
    context = {
        "topic": found, "posts": rows, "page": page, "more": more, "form": form,
        "earlier": earlier, "here": here,
        "flag_form": FlagForm(), "following": following,
        "may_accept": reader is not None and (reader.is_agent or reader.pk == found.author_id),
        "staff": staff, "all_categories": Category.objects.all() if staff else [],
    }  # fmt: skip
    return render(request, "community/topic.html", context, status=status)


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None


def _posts_page(request: HttpRequest, posts: "QuerySet[Post]") -> tuple[int, list, bool, bool, str]:
    """One page of a topic's posts: after a post number (`after`, the later-posts link) or
    before one (`before`, the earlier-posts link), each one range of the (topic, number)
    index however long the topic; `page` (an offset) answers older links and the reply
    redirect. Returns (page, posts, earlier ones exist, later ones exist, this page's
    query for links that come back to it)."""
    size = POSTS_PER_PAGE
    after, before = _number(request.GET.get("after", "")), _number(request.GET.get("before", ""))
    if after is not None:
        rows, more = slice_page(list(posts.filter(number__gt=after)[: size + 1]), size)
        return 0, rows, True, more, f"after={after}"
    if before is not None:
        back = list(posts.filter(number__lt=before).order_by("-number")[: size + 1])
        earlier = len(back) > size
        return 0, back[:size][::-1], earlier, True, f"before={before}"
    page = page_number(request)
    start = (page - 1) * size
    rows, more = slice_page(list(posts[start : start + size + 1]), size)
    return page, rows, page > 1, more, f"page={page}"


def _topic_or_404(request: HttpRequest, topic_id: int) -> Topic:
    try:
        return topic_get_for(reader_of(request), topic_id)
    except Topic.DoesNotExist as exc:
        raise Http404("No such topic.") from exc


@login_required
def topic_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    categories = categories_visible_to(user)
    form = TopicForm(request.POST or None, request.FILES or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                created = services.topic_create(author=user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _form_error(form, exc)
        else:
            if created.review != Review.VISIBLE:
                flash.info(request, "Thanks! A moderator looks at your post before others see it.")
            return redirect("community:topic", created.pk)
    if request.method == "GET" and request.GET.get("category"):
        form.initial["category"] = categories.filter(slug=request.GET["category"]).first()
    status = 400 if form.errors else 200
    return render(request, "community/topic_new.html", {"form": form}, status=status)


def _form_error(form: TopicForm | ReplyForm, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc))
    else:
        add_service_errors(form, exc)


def similar(request: HttpRequest) -> HttpResponse:
    """Topics like the title being typed (fetched by the new-topic form, debounced)."""
    reader = reader_of(request)
    text = f"{request.GET.get('title', '')} {request.GET.get('body', '')}"[:2000].strip()
    found: list[Topic] = []
    if len(text.split()) >= 2:
        hits = documents.similar(KIND, text=text, allowed=readable_topics(reader), limit=5)
        rows = topics_visible_to(reader).in_bulk([h.object_id for h in hits])
        found = [rows[h.object_id] for h in hits if h.object_id in rows]
    return render(request, "community/_similar.html", {"found": found})


@login_required
def reply(request: HttpRequest, topic_id: int) -> HttpResponse:
    user = signed_in_user(request)
    found = _topic_or_404(request, topic_id)
    form = ReplyForm(request.POST, request.FILES)
    if request.method != "POST" or not form.is_valid():
        return _topic_page(request, topic_id, form, status=400)
    quoted = None
    if form.cleaned_data.get("reply_to"):
        quoted = Post.objects.filter(topic=found, pk=form.cleaned_data["reply_to"]).first()
    try:
        with transaction.atomic(durable=True):
            post = services.reply_create(
                author=user, topic=found, body=form.cleaned_data["body"], reply_to=quoted,
                attachments=form.cleaned_data["attachments"],
            )  # fmt: skip
    except (ValidationError, PermissionDenied) as exc:
        _form_error(form, exc)
        return _topic_page(request, topic_id, form, status=400)
    if post.review != Review.VISIBLE:
        flash.info(request, "Thanks! A moderator looks at your reply before others see it.")
    page = (post.number - 1) // POSTS_PER_PAGE + 1
    return redirect(f"{reverse('community:topic', args=[found.pk])}?page={page}#post-{post.number}")

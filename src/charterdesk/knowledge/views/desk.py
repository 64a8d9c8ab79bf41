"""Agents' article pages: the list, the editor with preview, lifecycle actions, versions
with diff and restore, and the review queue."""

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors

from .. import services
from ..diff import line_diff
from ..forms import (
    ArticleFilterForm,
    ArticleForm,
    NewArticleForm,
    PropertiesForm,
    SendBackForm,
    SubmitForm,
)
from ..markdown import render as render_markdown
from ..models import Article, ArticleState
from ..selectors import (
    article_get_for,
    articles_visible_to,
    open_flag_counts,
    review_queue,
    versions_of,
    with_open_flags,
)

PAGE = 30


def _article(request: HttpRequest, article_id: int) -> Article:
    try:
        return article_get_for(signed_in_user(request), article_id, drafts=True)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc


@agent_required
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET or None)
    rows = articles_visible_to(signed_in_user(request), drafts=True).select_related(
        "latest_version", "live_version", "category", "owner"
    )
    if form.is_valid():
        rows = _filtered(rows, form.cleaned_data)
    rows = with_open_flags(rows.order_by("-updated_at", "-id"))
    page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "flags": open_flag_counts()}
    return render(request, "knowledge/desk/list.html", context)


def _filtered(rows: QuerySet[Article], data: dict[str, Any]) -> QuerySet[Article]:
    if data.get("q"):
        rows = rows.filter(latest_version__title__icontains=data["q"])
    for field in ("state", "visibility", "category"):
        if data.get(field):
            rows = rows.filter(**{field: data[field]})
    if data.get("stale"):
        rows = rows.filter(review_by__lt=timezone.localdate(), live_version__isnull=False)
    return rows


@agent_required
def article_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = NewArticleForm(request.POST or None, initial=_new_initial(request, user))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                article = services.article_create(author=user, **form.cleaned_data)
            flash.success(request, "Draft saved.")
            return redirect("knowledge:edit", article_id=article.pk)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, _as_validation(exc))
    return render(request, "knowledge/desk/new.html", {"form": form})


def _new_initial(request: HttpRequest, user: User) -> dict[str, object]:
    """A new article, or a translation of `?translation_of=` (its properties copied)."""
    initial: dict[str, object] = {"owner": user.pk}
    source_id = request.GET.get("translation_of", "")
    source = None
    if source_id.isdigit() and len(source_id) < 12:
        source = articles_visible_to(user, drafts=True).filter(pk=int(source_id)).first()
    if source is not None:
        initial.update(
            translation_of=source.translation_of_id or source.pk,
            visibility=source.visibility,
            category=source.category_id,
            section=source.section_id,
            language="",
        )
    return initial


def _as_validation(exc: Exception) -> ValidationError:
    return exc if isinstance(exc, ValidationError) else ValidationError(str(exc))


@agent_required
def article_edit(request: HttpRequest, article_id: int) -> HttpResponse:
    user = signed_in_user(request)
    article = _article(request, article_id)
    version = article.latest_version
    form = ArticleForm(request.POST or None, initial={"title": version.title, "body": version.body})  # type: ignore[union-attr]
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                services.article_save(article, author=user, **form.cleaned_data)
            flash.success(request, _saved_message(article))
            return redirect("knowledge:edit", article_id=article.pk)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, _as_validation(exc))
    return render(request, "knowledge/desk/edit.html", _editor(user, article, form))


def _saved_message(article: Article) -> str:
    if article.is_live:
        return (
            "Saved as the staged next version: readers see the published one until you publish it."
        )
    return "Saved."


def _editor(user: User, article: Article, form: ArticleForm) -> dict[str, object]:
    properties = PropertiesForm(
        auto_id="prop-%s",
        initial={
            "visibility": article.visibility,
            "category": article.category_id,
            "section": article.section_id,
            "language": article.language,
            "plans": list(article.plans.values_list("pk", flat=True)),
            "products": list(article.products.values_list("pk", flat=True)),
            "owner": article.owner_id,
            "review_by": article.review_by,
        },
    )
    return {
        "article": article,
        "form": form,
        "properties": properties,
        "submit": SubmitForm(),
        "send_back": SendBackForm(),
        "versions": versions_of(user, article)[:8],
    }


@agent_required
@require_POST
def article_properties(request: HttpRequest, article_id: int) -> HttpResponse:
    """Who reads it and who looks after it; errors next to the fields, on the editor."""
    user = signed_in_user(request)
    article = _article(request, article_id)
    form = PropertiesForm(request.POST, auto_id="prop-%s")
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                services.article_change(article, user, **form.cleaned_data)
            flash.success(request, "Properties saved.")
            return redirect("knowledge:edit", article_id=article.pk)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, _as_validation(exc))
    version = article.latest_version
    editor = ArticleForm(initial={"title": version.title, "body": version.body})  # type: ignore[union-attr]
    context = {**_editor(user, article, editor), "properties": form}
    return render(request, "knowledge/desk/edit.html", context)


@agent_required
@require_POST
def article_preview(request: HttpRequest) -> HttpResponse:
    """The Markdown as readers will see it (the editor's Preview tab)."""
    return HttpResponse(render_markdown(request.POST.get("body", "")[:200_000]))


@agent_required
@require_POST
def article_action(request: HttpRequest, article_id: int, action: str) -> HttpResponse:
    """Send for review, publish, send back, archive: one service each."""
    user = signed_in_user(request)
    article = _article(request, article_id)
    try:
        with transaction.atomic(durable=True):
            done = _act(request, article, action, user)
        flash.success(request, done)
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, " ".join(_as_validation(exc).messages))
    return redirect("knowledge:edit", article_id=article.pk)


def _act(request: HttpRequest, article: Article, action: str, user: User) -> str:
    if action == "submit":
        form = SubmitForm(request.POST)
        reviewer = form.cleaned_data.get("reviewer") if form.is_valid() else None
        services.article_submit(article, user, reviewer=reviewer)
        return "Sent for review."
    if action == "publish":
        services.article_publish(article, user)
        return "Published: readers see this version now."
    if action == "archive":
        services.article_archive(article, user)
        return "Archived: it is off the help center, search and suggestions."
    raise Http404("No such action.")


@agent_required
@require_POST
def article_send_back(request: HttpRequest, article_id: int) -> HttpResponse:
    """A reviewer returns the article with what to change (errors next to the note)."""
    user = signed_in_user(request)
    article = _article(request, article_id)
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                services.article_send_back(article, user, note=form.cleaned_data["note"])
            flash.success(request, "Sent back to the author.")
            return redirect("knowledge:edit", article_id=article.pk)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, _as_validation(exc))
    version = article.latest_version
    editor = ArticleForm(initial={"title": version.title, "body": version.body})  # type: ignore[union-attr]
    return render(
        request, "knowledge/desk/edit.html", {**_editor(user, article, editor), "send_back": form}
    )


@agent_required
def article_history(request: HttpRequest, article_id: int) -> HttpResponse:
    """Every version; the difference between any two (?a=&b=)."""
    article = _article(request, article_id)
    versions = list(versions_of(signed_in_user(request), article))
    by_number = {v.number: v for v in versions}
    newest = versions[0].number
    b = by_number.get(_int(request.GET.get("b"), newest)) or versions[0]
    a = by_number.get(_int(request.GET.get("a"), b.number - 1)) or versions[-1]
    context = {
        "article": article,
        "versions": versions,
        "a": a,
        "b": b,
        "title_changed": a.title != b.title,
        "lines": line_diff(a.body, b.body),
    }
    return render(request, "knowledge/desk/history.html", context)


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and len(value) < 9 else default


@agent_required
@require_POST
def article_restore(request: HttpRequest, article_id: int, number: int) -> HttpResponse:
    article = _article(request, article_id)
    try:
        with transaction.atomic(durable=True):
            version = services.article_restore(article, signed_in_user(request), number=number)
        flash.success(request, f"Version {number} restored as version {version.number}.")
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, " ".join(_as_validation(exc).messages))
    return redirect("knowledge:edit", article_id=article.pk)


@agent_required
def reviews(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    rows = list(review_queue(user))
    rows.sort(key=lambda a: a.reviewer_id != user.pk)  # asked of me first
    return render(request, "knowledge/desk/reviews.html", {"rows": rows, "state": ArticleState})

"""The public help center at /help/: no sign-in needed for public articles; signed-in
customers also read their customers', partners' and audience articles."""

from django.conf import settings
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors
from charterdesk.search import documents

from .. import services
from ..elsewhere import answers_elsewhere
from ..forms import FeedbackForm
from ..models import Article, Category, Feedback, Section
from ..reader import keep_visitor, language_of, reader_of, visitor_key
from ..selectors import (
    article_get_for,
    article_search,
    articles_visible_to,
    categories_with_articles,
    in_language,
    translations_of,
)
from ..suggestions import article_url

PAGE = 20


def _visible(request: HttpRequest) -> tuple[User | None, QuerySet[Article]]:
    reader = reader_of(request)
    articles = in_language(articles_visible_to(reader), language_of(request))
    return reader, articles.select_related("live_version")


def _render(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    with transaction.atomic():
        services.visit_record(visitor_key(request), timezone.now())
    return keep_visitor(request, render(request, template, context))


def home(request: HttpRequest) -> HttpResponse:
    reader, articles = _visible(request)
    counts = dict(
        articles.values_list("category_id").annotate(n=Count("pk")).values_list("category_id", "n")
    )
    categories = list(categories_with_articles(reader))
    for category in categories:
        category.article_count = counts.get(category.pk, 0)  # type: ignore[attr-defined]
    popular = articles.order_by("-links_inserted", "-published_at")[:6]
    return _render(
        request, "knowledge/help/home.html", {"categories": categories, "popular": popular}
    )


def category(request: HttpRequest, slug: str) -> HttpResponse:
    found = Category.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No such category.")
    _, articles = _visible(request)
    rows = list(
        articles.filter(category=found).order_by("section__position", "live_version__title")
    )
    sections = Section.objects.filter(category=found)
    groups = [(s, [a for a in rows if a.section_id == s.pk]) for s in sections]
    loose = [a for a in rows if a.section_id is None]
    if not rows:
        raise Http404("No such category.")
    context = {"category": found, "groups": [g for g in groups if g[1]], "loose": loose}
    return _render(request, "knowledge/help/category.html", context)


def article(request: HttpRequest, article_id: int, slug: str = "") -> HttpResponse:
    reader = reader_of(request)
    try:
        found = article_get_for(reader, article_id)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    if slug != found.slug:
        return redirect(article_url(found) + _query(request), permanent=True)
    attempt = request.GET.get("attempt", "")
    if attempt and reader is not None:
        with transaction.atomic():
            services.suggestion_opened(reader, attempt, found)
    context = _article_page(request, reader, found, FeedbackForm())
    context["attempt"] = attempt if reader is not None else ""
    return _render(request, "knowledge/help/article.html", context)


def _article_page(
    request: HttpRequest, reader: User | None, found: Article, form: FeedbackForm
) -> dict[str, object]:
    return {
        "article": found,
        "version": found.live_version,
        "canonical": settings.SITE_URL + article_url(found),
        "translations": translations_of(reader, found),
        "related": _related(reader, found),
        "vote": Feedback.objects.filter(article=found, voter=visitor_key(request)).first(),
        "form": form,
    }


def _query(request: HttpRequest) -> str:
    return f"?{request.GET.urlencode()}" if request.GET else ""


def _related(reader: User | None, found: Article) -> list[Article]:
    """The most similar other articles, in the article's language where translated."""
    version = found.live_version
    assert version is not None  # noqa: S101 - article_get_for returns live articles
    family = found.translation_of_id or found.pk
    visible = in_language(articles_visible_to(reader), found.language).exclude(
        Q(pk=family) | Q(translation_of_id=family)
    )
    hits = documents.similar(
        "article",
        text=f"{version.title} {version.title} {version.body[:1500]}",
        allowed=visible.values("pk"),
        limit=5,
    )
    rows = visible.select_related("live_version").in_bulk([h.object_id for h in hits])
    return [rows[h.object_id] for h in hits if h.object_id in rows]


@require_POST
def feedback(request: HttpRequest, article_id: int) -> HttpResponse:
    reader = reader_of(request)
    try:
        found = article_get_for(reader, article_id)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.feedback_record(
                    found,
                    voter=visitor_key(request),
                    helpful=form.cleaned_data["helpful"],
                    comment=form.cleaned_data["comment"],
                    user=reader,
                )
            flash.success(request, "Thank you for your feedback.")
            return keep_visitor(request, redirect(article_url(found) + "#feedback"))
        except ValidationError as exc:
            add_service_errors(form, exc)
    context = _article_page(request, reader, found, form)
    return _render(request, "knowledge/help/article.html", context)


def search(request: HttpRequest) -> HttpResponse:
    reader = reader_of(request)
    q = request.GET.get("q", "").strip()[:200]
    context: dict[str, object] = {"q": q, "results": [], "page": None}
    cursor = request.GET.get("cursor") or None
    if q:
        try:
            results, page = article_search(reader, q, cursor=cursor, limit=PAGE)
        except ValidationError as exc:
            context["problem"] = " ".join(exc.messages)
            return _render(request, "knowledge/help/search.html", context)
        if cursor is None:
            with transaction.atomic():
                services.search_log(q, len(results), signed_in=reader is not None)
        context.update(results=results, page=page)
        if cursor is None:
            context["elsewhere"] = answers_elsewhere(reader, q, similar=False)
    return _render(request, "knowledge/help/search.html", context)


def sitemap(request: HttpRequest) -> HttpResponse:
    """Every public article and category, for search engines."""
    public = articles_visible_to(None).only("pk", "slug", "updated_at", "published_at")
    context = {
        "site": settings.SITE_URL,
        "articles": [(article_url(a), a.published_at or a.updated_at) for a in public],
        "categories": categories_with_articles(None),
    }
    return render(request, "knowledge/help/sitemap.xml", context, content_type="application/xml")


@require_POST
def solved(request: HttpRequest, article_id: int) -> HttpResponse:
    """ "This solved my problem" on an article suggested while writing a request."""
    reader = reader_of(request)
    if reader is None:
        return redirect("login")
    try:
        found = article_get_for(reader, article_id)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    with transaction.atomic():
        services.suggestion_solved(reader, request.POST.get("attempt", ""), found)
    flash.success(request, "Glad it helped. Your request was not sent; start a new one any time.")
    return redirect("portal:tickets")

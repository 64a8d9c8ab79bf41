"""Articles in the API: agents draft and publish, every reader reads within their
visibility (customers see the published version only)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.pagination import page_of
from charterdesk.core.validators import Id
from charterdesk.knowledge import services
from charterdesk.knowledge.models import Article, Category
from charterdesk.knowledge.schemas import (
    ArticleFilters,
    ArticleIn,
    ArticleOut,
    ArticlePage,
    ArticleProductsIn,
    SuggestionList,
    SuggestionQuery,
)
from charterdesk.knowledge.selectors import article_get_for, articles_visible_to
from charterdesk.knowledge.suggestions import suggest
from charterdesk.products.models import Product
from charterdesk.products.services import products_for_audience

router = Router(tags=["articles"])


def _for(user: User, article: Article) -> Article:
    """What this user reads of the article: agents the newest version, others the live one."""
    setattr(  # noqa: B010 - read by ArticleOut
        article, "shown_version", article.latest_version if user.is_agent else article.live_version
    )
    setattr(article, "reader_view", not user.is_agent)  # noqa: B010 - read by ArticleOut
    return article


@router.post("/articles", response={201: ArticleOut})
def create_article(request: HttpRequest, payload: ArticleIn) -> Status[Article]:
    user = user_of(request)
    category = None
    if payload.category_id is not None:
        category = Category.objects.filter(pk=payload.category_id).first()
        if category is None:
            raise ValidationError({"category_id": f"No category has the id {payload.category_id}."})
    products = _products(payload.product_ids)
    with transaction.atomic(durable=True):
        try:
            article = services.article_create(
                author=user,
                title=payload.title,
                body=payload.body,
                category=category,
                visibility=payload.visibility,
                language=payload.language,
                products=products,
            )
        except ValidationError as exc:
            raise _on_product_ids(exc) from exc
    return Status(201, _for(user, article_get_for(user, article.pk, drafts=True)))


def _products(ids: list[int], kept: list[int] | None = None) -> list[Product]:
    """The catalogue products by id; the services' "products" errors on `product_ids`."""
    return products_for_audience(ids, kept=kept or [])


def _on_product_ids(exc: ValidationError) -> ValidationError:
    errors = exc.message_dict
    if "products" in errors:
        errors["product_ids"] = errors.pop("products")
    return ValidationError(errors)


@router.put("/articles/{article_id}/products", response=ArticleOut)
def set_article_products(
    request: HttpRequest, article_id: Id, payload: ArticleProductsIn
) -> Article:
    """Set the article's audience by product (what the properties form's product boxes
    do): an unknown id, or a retired product the article did not name, is a field error;
    so is a limit on a public or internal article. Agents who write articles."""
    user = user_of(request)
    if not user.has_perm(Perm.WRITE_ARTICLES):
        raise PermissionDenied("Only support staff change articles.")
    with transaction.atomic(durable=True):
        article = articles_visible_to(user, drafts=True).select_for_update().get(pk=article_id)
        kept = list(article.products.values_list("pk", flat=True))
        products = _products(payload.product_ids, kept)
        try:
            services.article_products_set(article, user, products)
        except ValidationError as exc:
            raise _on_product_ids(exc) from exc
    return _for(user, article_get_for(user, article_id, drafts=True))


@router.post("/articles/{article_id}/publish", response=ArticleOut)
def publish_article(request: HttpRequest, article_id: Id) -> Article:
    user = user_of(request)
    with transaction.atomic(durable=True):
        article = articles_visible_to(user, drafts=True).select_for_update().get(pk=article_id)
        services.article_publish(article, user)
    return _for(user, article_get_for(user, article_id))


@router.get("/articles", response=ArticlePage)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]) -> dict[str, Any]:
    user = user_of(request)
    rows = (
        articles_visible_to(user, drafts=True)
        .select_related("live_version", "latest_version")
        .prefetch_related("products")
    )
    items, next_url = page_of(
        request,
        rows,
        filters.cursor,
        filters.limit,
        state=filters.state,
        visibility=filters.visibility,
        category_id=filters.category_id,
        language=filters.language,
    )
    return {"items": [_for(user, a) for a in items], "next": next_url}


@router.get("/articles/{article_id}", response=ArticleOut)
def get_article(request: HttpRequest, article_id: Id) -> Article:
    user = user_of(request)
    return _for(user, article_get_for(user, article_id, drafts=True))


@router.get("/suggestions", response=SuggestionList)
def suggestions(request: HttpRequest, query: Query[SuggestionQuery]) -> dict[str, Any]:
    """Articles that may answer a text (a draft request): only what the caller may read."""
    found = suggest(user_of(request), query.q, limit=query.limit)
    return {"items": [{**vars(s), "url": settings.SITE_URL + s.url} for s in found]}

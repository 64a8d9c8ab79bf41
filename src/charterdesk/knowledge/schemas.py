from datetime import datetime
from typing import Literal

from django.conf import settings
from ninja import Field, Schema

from charterdesk.core.pagination import Cursor, Limit
from charterdesk.core.validators import Id

from .models import Article
from .suggestions import article_url

VisibilityName = Literal["public", "customers", "partners", "internal"]
StateName = Literal["draft", "in_review", "published", "archived"]


class ArticleIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=200_000, description="Markdown.")
    category_id: Id | None = None
    visibility: VisibilityName = "public"
    language: str = Field("en", max_length=8, description="e.g. en, de, pt-br")
    product_ids: list[Id] = Field(
        [],
        max_length=100,
        description="Only customers whose organization uses one of these products read it "
        "(customers' and partners' articles); none: no limit by product.",
    )


class ArticleFilters(Schema):
    state: StateName | None = Field(None, description="Agents only: customers read published.")
    visibility: VisibilityName | None = None
    category_id: Id | None = None
    language: str | None = Field(None, max_length=8)
    cursor: Cursor | None = None
    limit: Limit = 25


class ArticleOut(Schema):
    id: int
    title: str
    body: str = Field(description="Markdown.")
    html: str = Field(description="The body rendered and sanitized.")
    state: StateName
    visibility: VisibilityName
    language: str
    category_id: int | None
    version: int = Field(description="The version this shows.")
    published_at: datetime | None
    updated_at: datetime
    url: str = Field(description="Its page in the help center.")
    product_ids: list[int] = Field(
        description="Its audience by product (GET /products): only customers using one of "
        "them read it; empty: no limit by product."
    )

    @staticmethod
    def _version(article: Article):  # type: ignore[no-untyped-def]
        """Readers get the live version; agents the newest (a draft or a staged one)."""
        shown = getattr(article, "shown_version", None)
        return shown or article.live_version or article.latest_version

    @staticmethod
    def resolve_state(article: Article) -> str:
        """Readers see the live version, so for them the article is published."""
        shown = ArticleOut._version(article)
        if (
            shown is not None
            and shown.pk == article.live_version_id
            and getattr(article, "reader_view", False)
        ):
            return "published"
        return article.state

    @staticmethod
    def resolve_title(article: Article) -> str:
        return ArticleOut._version(article).title

    @staticmethod
    def resolve_body(article: Article) -> str:
        return ArticleOut._version(article).body

    @staticmethod
    def resolve_html(article: Article) -> str:
        return ArticleOut._version(article).html

    @staticmethod
    def resolve_version(article: Article) -> int:
        return ArticleOut._version(article).number

    @staticmethod
    def resolve_product_ids(article: Article) -> list[int]:
        return sorted(product.pk for product in article.products.all())

    @staticmethod
    def resolve_url(article: Article) -> str:
        return settings.SITE_URL + article_url(article)


class ArticlePage(Schema):
    items: list[ArticleOut]
    next: str | None


class SuggestionOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    snippet: str
    score: float


class SuggestionList(Schema):
    items: list[SuggestionOut]


class SuggestionQuery(Schema):
    q: str = Field(max_length=4000)
    limit: int = Field(5, ge=1, le=20)


class ArticleProductsIn(Schema):
    product_ids: list[Id] = Field(
        max_length=100, description="The whole audience by product; [] removes the limit."
    )

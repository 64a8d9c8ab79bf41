"""Reads on articles, each scoped to what the reader may see. Every page, search and API
read of articles starts from `articles_visible_to`."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.plans.selectors import contract_active_for
from charterdesk.products.selectors import product_uses
from charterdesk.search import documents
from charterdesk.search.documents import Hit, SearchPage
from charterdesk.search.readable import Readable

from .models import Article, ArticleFlag, ArticleState, ArticleVersion, Category, Visibility

Reader = User | AnonymousUser | None


def _signed_in(reader: Reader) -> User | None:
    return reader if isinstance(reader, User) and reader.is_active else None


def visibilities_for(reader: Reader) -> list[str]:
    """The visibilities a reader may read: anonymous readers the public articles,
    customers also the customers' ones, partners' contacts also the partners' ones,
    agents all."""
    user = _signed_in(reader)
    if user is None:
        return [Visibility.PUBLIC]
    if user.is_agent:
        return list(Visibility.values)
    contact = getattr(user, "contact", None)
    if contact is None:
        return [Visibility.PUBLIC]
    allowed: list[str] = [Visibility.PUBLIC, Visibility.CUSTOMERS]
    if contact.organization is not None and contact.organization.is_partner:
        allowed.append(Visibility.PARTNERS)
    return allowed


def _plan_of(user: User | None) -> int | None:
    contact = getattr(user, "contact", None) if user is not None else None
    if contact is None:
        return None
    contract = contract_active_for(contact.organization, timezone.localdate())
    return contract.plan_id if contract is not None else None


def articles_visible_to(reader: Reader, *, drafts: bool = False) -> QuerySet[Article]:
    """The articles this reader may read: published (live) ones within their visibility
    and, for customers, their audience (an article for some plans only reaches customers
    on one of them; one for some products only customers whose organization uses one of
    them; one with both needs both). `drafts=True` lets agents see every article in every
    state (the desk); for anyone else it changes nothing."""
    user = _signed_in(reader)
    if user is not None and user.is_agent and drafts:
        return Article.objects.all()
    shape, args = _shape_of(reader)
    return shape.visible(*args)


@dataclass(frozen=True)
class _Shape:
    """What the SQL of a reader's articles depends on besides two ids (their plan's, their
    organization's): one compiled read per shape serves every reader of it."""

    visibilities: tuple[str, ...] | None  # None: agents, every visibility and audience
    customer: bool = False  # signed in (not an agent): the audiences apply
    plan: bool = False  # a customer on a plan: its id is an argument
    organization: bool = False  # a customer of an organization: its id is an argument

    def visible(self, *ids: int) -> QuerySet[Article]:
        """The articles readable in this shape; `ids`: the plan's, then the organization's
        (those present)."""
        articles = Article.objects.all()
        if self.visibilities is None:
            return articles.filter(_live())
        articles = articles.filter(_live(), visibility__in=self.visibilities)
        if not self.customer:
            return articles
        given = iter(ids)
        plan = next(given) if self.plan else None
        organization = next(given) if self.organization else None
        audience = _by_plan(plan) & _by_product(organization)
        return articles.filter(Q(visibility=Visibility.PUBLIC) | audience)

    def in_language(self, language: str, *ids: int) -> QuerySet[Article]:
        return in_language(self.visible(*ids), language)


def _shape_of(reader: Reader) -> tuple[_Shape, tuple[int, ...]]:
    user = _signed_in(reader)
    if user is not None and user.is_agent:
        return _Shape(None), ()
    visibilities = tuple(visibilities_for(reader))
    if user is None:
        return _Shape(visibilities), ()
    plan = _plan_of(user)
    contact = getattr(user, "contact", None)
    organization = contact.organization_id if contact is not None else None
    ids = tuple(i for i in (plan, organization) if i is not None)
    return _Shape(visibilities, True, plan is not None, organization is not None), ids


def _by_plan(plan: int | None) -> Q:
    # The audiences as plain (uncorrelated) lists of article ids: the database reads the
    # small plans table once per query instead of once per article.
    audiences = Article.plans.through.objects.order_by()
    no_audience = ~Q(pk__in=audiences.values("article_id"))
    if plan is None:
        return no_audience
    return no_audience | Q(pk__in=audiences.filter(plan_id=plan).values("article_id"))


def _by_product(organization: int | None) -> Q:
    """Articles without an audience by product, or limited to a product the reader's
    organization uses (uncorrelated subqueries, as for plans)."""
    audiences = Article.products.through.objects.order_by()
    no_audience = ~Q(pk__in=audiences.values("article_id"))
    if organization is None:
        return no_audience
    used = product_uses().filter(organization_id=organization).values("product_id")
    return no_audience | Q(pk__in=audiences.filter(product_id__in=used).values("article_id"))


def readable_in(reader: Reader, language: str) -> Readable:
    """`in_language(articles_visible_to(reader), language)` as a read of fixed shape, for
    searches whose SQL is compiled once per process (search.readable)."""
    shape, ids = _shape_of(reader)
    return Readable(shape, shape.in_language, (language, *ids), (str, *[int] * len(ids)))


def readable_articles(reader: Reader) -> QuerySet[Article, Any] | None:
    """What the reader may find in the search index, as `allowed` for documents.search:
    None (no check) for agents, since the index holds live articles only and agents may
    read them all; the reader's articles for everyone else."""
    user = _signed_in(reader)
    if user is not None and user.is_agent:
        return None
    return articles_visible_to(reader).values("pk")


def _live() -> Q:
    return Q(live_version__isnull=False) & ~Q(state=ArticleState.ARCHIVED)


def in_language(articles: QuerySet[Article], language: str) -> QuerySet[Article]:
    """One article per translation family: the one in `language` where the reader may read
    it, else the original (the fallback language).

    Asked of each row (an original without a translation the reader may read in
    `language`: one lookup by the translation_of index), so a query narrowed to a few
    articles (a suggestion's candidates) costs a few lookups, not a pass over every
    article."""
    translated = articles.filter(translation_of_id=OuterRef("pk"), language=language)
    return articles.filter(
        Q(language=language) | (Q(translation_of__isnull=True) & ~Exists(translated))
    )


def among(articles: QuerySet[Article], ids: list[int]) -> QuerySet[Article]:
    """Those of `ids` that are in `articles` (a reader's), found by primary key and each
    checked against `articles`: on SQLite a plain `articles.filter(pk__in=ids)` may read
    every article of the reader's visibilities through their index instead."""
    return Article.objects.filter(pk__in=ids).filter(Exists(articles.filter(pk=OuterRef("pk"))))


def article_get_for(reader: Reader, article_id: int, *, drafts: bool = False) -> Article:
    """One article the reader may read (Article.DoesNotExist otherwise, never saying why)."""
    return (
        articles_visible_to(reader, drafts=drafts)
        .select_related("live_version", "latest_version", "category", "section", "owner")
        .get(pk=article_id)
    )


def translations_of(reader: Reader, article: Article) -> QuerySet[Article]:
    """The other language versions of this article the reader may read."""
    family = article.translation_of_id or article.pk
    return (
        articles_visible_to(reader)
        .filter(Q(pk=family) | Q(translation_of_id=family))
        .exclude(pk=article.pk)
        .order_by("language")
    )


def categories_with_articles(reader: Reader) -> QuerySet[Category]:
    """The categories that hold an article this reader may read."""
    visible = articles_visible_to(reader).filter(category_id=OuterRef("pk"))
    return Category.objects.filter(Exists(visible))


def article_search(
    reader: Reader, q: str, *, cursor: str | None = None, limit: int = 20
) -> tuple[list[tuple[Article, Hit]], SearchPage]:
    """One page of the articles the reader may read that match `q`, each with its hit
    (highlighted title and snippet); ValidationError for a query that cannot be run."""
    visible = articles_visible_to(reader)
    page = documents.search(
        "article", q=q, allowed=readable_articles(reader), limit=limit, cursor=cursor
    )
    rows = (
        among(visible, [hit.object_id for hit in page.items])
        .select_related("live_version", "category")
        .in_bulk()
    )
    return [(rows[h.object_id], h) for h in page.items if h.object_id in rows], page


def versions_of(user: User, article: Article) -> QuerySet[ArticleVersion]:
    """An article's versions, newest first (agents only: they hold drafts)."""
    if not user.is_agent:
        raise PermissionDenied("Versions are for support staff.")
    return article.versions.select_related("author").order_by("-number")


def review_queue(user: User) -> QuerySet[Article]:
    """Articles waiting for a review, the ones asked of this user first."""
    if not user.is_agent:
        raise PermissionDenied("The review queue is for support staff.")
    return (
        Article.objects.filter(state=ArticleState.IN_REVIEW)
        .select_related("latest_version__author", "reviewer", "owner", "category")
        .order_by("updated_at")
    )


def flags_for(user: User, *, closed: bool = False) -> QuerySet[ArticleFlag]:
    """Flags raised on articles (agents only). Open ones grouped by article, the article
    with the most open flags first and flags asking for a new article last; closed ones
    newest closed first."""
    if not user.is_agent:
        raise PermissionDenied("Flags on articles are for support staff.")
    flags = ArticleFlag.objects.select_related(
        "ticket", "article__latest_version", "article__owner", "raised_by", "resolved_by"
    )
    if closed:
        return flags.filter(resolved_at__isnull=False).order_by("-resolved_at", "-pk")
    same_article = (
        ArticleFlag.objects.filter(article_id=OuterRef("article_id"), resolved_at__isnull=True)
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        flags.filter(resolved_at__isnull=True)
        .annotate(article_open=Subquery(same_article))
        .order_by(
            F("article_open").desc(nulls_last=True),
            F("article_id").asc(nulls_last=True),
            "-created_at",
            "-pk",
        )
    )


def flag_get_for(user: User, flag_id: int) -> ArticleFlag:
    """One flag, open or closed (ArticleFlag.DoesNotExist otherwise); agents only."""
    if not user.is_agent:
        raise PermissionDenied("Flags on articles are for support staff.")
    return ArticleFlag.objects.select_related("article__owner", "resolved_by").get(pk=flag_id)


def with_open_flags(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Each article with `open_flags`: how many of its flags wait for its owner."""
    open_flags = (
        ArticleFlag.objects.filter(article_id=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return articles.annotate(open_flags=Subquery(open_flags))


def open_flag_counts() -> dict[str, int]:
    """How many flags are open: on articles (and on how many), and asking for one."""
    return ArticleFlag.objects.filter(resolved_at__isnull=True).aggregate(
        flags=Count("pk"),
        articles=Count("article", distinct=True),
        needed=Count("pk", filter=Q(article__isnull=True)),
    )

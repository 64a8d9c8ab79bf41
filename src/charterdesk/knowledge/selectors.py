"""Reads on articles, each scoped to what the reader may see. Every page, search and API
read of articles starts from `articles_visible_to`."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.plans.selectors import contract_active_for

from .models import Article, ArticleState, ArticleVersion, Category, Visibility

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
    on one of them). `drafts=True` lets agents see every article in every state (the
    desk); for anyone else it changes nothing."""
    user = _signed_in(reader)
    articles = Article.objects.all()
    if user is not None and user.is_agent:
        return articles if drafts else articles.filter(_live())
    articles = articles.filter(_live(), visibility__in=visibilities_for(reader))
    if user is None:
        return articles
    no_audience = ~Exists(Article.plans.through.objects.filter(article_id=OuterRef("pk")))
    plan = _plan_of(user)
    if plan is None:
        return articles.filter(Q(visibility=Visibility.PUBLIC) | no_audience)
    in_audience = Exists(
        Article.plans.through.objects.filter(article_id=OuterRef("pk"), plan_id=plan)
    )
    return articles.filter(Q(visibility=Visibility.PUBLIC) | no_audience | in_audience)


def _live() -> Q:
    return Q(live_version__isnull=False) & ~Q(state=ArticleState.ARCHIVED)


def in_language(articles: QuerySet[Article], language: str) -> QuerySet[Article]:
    """One article per translation family: the one in `language` where the reader may read
    it, else the original (the fallback language)."""
    family = Coalesce("translation_of_id", "pk")
    translated = articles.filter(language=language).annotate(family=family)
    has_translation = Exists(translated.filter(family=OuterRef("pk")).exclude(pk=OuterRef("pk")))
    originals = articles.filter(translation_of__isnull=True).exclude(
        Q(language=language) | Q(has_translation)
    )
    return articles.filter(Q(pk__in=translated.values("pk")) | Q(pk__in=originals.values("pk")))


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

"""Writes on articles: create, save (every save is a version), review, publish, archive,
restore. Callers own the transaction; the search index follows in it (indexing.reindex)."""

import re
from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm, Role
from charterdesk.mail.outbox import mail_queue
from charterdesk.plans.models import Plan
from charterdesk.products.models import Product

from ..indexing import reindex
from ..markdown import render
from ..models import Article, ArticleState, ArticleVersion, Category, Section, Visibility

LANGUAGE = re.compile(r"^[a-z]{2}(-[a-z0-9]{2,8})?$")
MAX_BODY = 200_000


def _require(actor: User, perm: str, why: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied(why)


def _check_content(title: str, body: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = "Give the article a title."
    elif len(title) > 200:
        errors["title"] = "Keep the title under 200 characters."
    if not body.strip():
        errors["body"] = "Write the article's text."
    elif len(body) > MAX_BODY:
        errors["body"] = f"Keep the text under {MAX_BODY:,} characters."
    if errors:
        raise ValidationError(errors)


def _check_properties(
    visibility: str, language: str, plans: Iterable[Plan], products: Iterable[Product] = ()
) -> None:
    errors = {}
    if visibility not in Visibility.values:
        errors["visibility"] = "Choose public, customers, partners or internal."
    if not LANGUAGE.match(language or ""):
        errors["language"] = "Use a language code such as en, de or pt-br."
    if list(plans) and visibility in (Visibility.PUBLIC, Visibility.INTERNAL):
        errors["plans"] = "An audience by plan is for customers' or partners' articles."
    if list(products) and visibility in (Visibility.PUBLIC, Visibility.INTERNAL):
        errors["products"] = "An audience by product is for customers' or partners' articles."
    if errors:
        raise ValidationError(errors)


def article_create(
    *,
    author: User,
    title: str,
    body: str,
    visibility: str = Visibility.PUBLIC,
    language: str = "en",
    category: Category | None = None,
    section: Section | None = None,
    translation_of: Article | None = None,
    plans: Iterable[Plan] = (),
    products: Iterable[Product] = (),
    owner: User | None = None,
    review_by: date | None = None,
    at: datetime | None = None,
) -> Article:
    """A new draft with its first version (agents: desk, API, "create from ticket")."""
    _require(author, Perm.WRITE_ARTICLES, "Only support staff write articles.")
    plans, products = list(plans), list(products)
    _check_content(title, body)
    _check_properties(visibility, language, plans, products)
    if section is not None and category is None:
        category = section.category
    at = at or timezone.now()
    article = Article.objects.create(
        category=category,
        section=section,
        slug=slugify(title)[:120],
        language=language,
        translation_of=translation_of,
        visibility=visibility,
        owner=owner or author,
        review_by=review_by,
        created_at=at,
        updated_at=at,
    )
    if plans:
        article.plans.set(plans)
    if products:
        article.products.set(products)
    _add_version(article, author=author, title=title, body=body, note="Created", at=at)
    return article


def _add_version(
    article: Article, *, author: User, title: str, body: str, note: str, at: datetime
) -> ArticleVersion:
    last = article.latest_version.number if article.latest_version else 0
    version = ArticleVersion.objects.create(
        article=article,
        number=last + 1,
        title=title.strip(),
        body=body,
        html=render(body),
        author=author,
        note=note[:300],
        created_at=at,
    )
    article.latest_version = version
    article.updated_at = at
    article.save(update_fields=["latest_version", "updated_at", "state"])
    return version


def article_save(
    article: Article, *, author: User, title: str, body: str, note: str = "", at=None
) -> ArticleVersion:
    """Save a new version. On a published article it is the staged next version: readers
    keep the live one until it is published. An article in review goes back to draft."""
    _require(author, Perm.WRITE_ARTICLES, "Only support staff write articles.")
    _check_content(title, body)
    latest = article.latest_version
    if latest is not None and latest.title == title.strip() and latest.body == body:
        return latest  # nothing changed: no empty version
    article.state = ArticleState.DRAFT
    return _add_version(
        article, author=author, title=title, body=body, note=note, at=at or timezone.now()
    )


def article_change(
    article: Article,
    actor: User,
    *,
    visibility: str,
    language: str,
    category: Category | None,
    section: Section | None,
    plans: Iterable[Plan],
    owner: User | None,
    review_by: date | None,
    products: Iterable[Product] = (),
) -> None:
    """Change who reads the article and who looks after it (no new version: the text is
    the same); the index follows at once."""
    _require(actor, Perm.WRITE_ARTICLES, "Only support staff change articles.")
    plans, products = list(plans), list(products)
    _check_properties(visibility, language, plans, products)
    article.visibility = visibility
    article.language = language
    article.section = section
    article.category = section.category if section is not None else category
    article.owner = owner or article.owner
    article.review_by = review_by
    article.updated_at = timezone.now()
    article.save()
    article.plans.set(plans)
    article.products.set(products)
    reindex(article)


def article_products_set(article: Article, actor: User, products: Iterable[Product]) -> None:
    """Limit the article to customers whose organization uses one of `products` (none:
    no limit by product), as the properties form does; the index follows at once."""
    _require(actor, Perm.WRITE_ARTICLES, "Only support staff change articles.")
    products = list(products)
    _check_properties(article.visibility, article.language, [], products)
    article.updated_at = timezone.now()
    article.save(update_fields=["updated_at"])
    article.products.set(products)
    reindex(article)


def article_submit(article: Article, actor: User, *, reviewer: User | None = None) -> None:
    """Ask for a review of the newest version; the reviewer (or every reviewer) is told."""
    _require(actor, Perm.WRITE_ARTICLES, "Only support staff send articles for review.")
    if article.state != ArticleState.DRAFT:
        raise ValidationError("Only a draft (or a staged next version) goes to review.")
    if reviewer is not None and not reviewer.has_perm(Perm.REVIEW_ARTICLES):
        raise ValidationError({"reviewer": f"{reviewer} does not review articles."})
    article.state = ArticleState.IN_REVIEW
    article.reviewer = reviewer
    article.review_note = ""
    article.updated_at = timezone.now()
    article.save(update_fields=["state", "reviewer", "review_note", "updated_at"])
    to = [reviewer.email] if reviewer else _reviewers_except(actor)
    mail_queue(
        to=to,
        template="knowledge/mail/review_requested",
        context={"article": article, "actor": actor, "url": _desk_url(article)},
    )


def _reviewers_except(actor: User) -> list[str]:
    roles = [Role.TEAM_LEAD, Role.MANAGER]
    users = User.objects.filter(role__in=roles, is_active=True).exclude(pk=actor.pk)
    return list(users.values_list("email", flat=True))


def _desk_url(article: Article) -> str:
    return settings.SITE_URL + reverse("knowledge:edit", args=[article.pk])


def article_publish(article: Article, actor: User, *, at: datetime | None = None) -> None:
    """Make the newest version the one readers see. A version in review is published by
    a reviewer other than its author; a draft only by a support manager, directly."""
    if article.state == ArticleState.IN_REVIEW:
        _require(actor, Perm.REVIEW_ARTICLES, "Only reviewers publish an article in review.")
        author_id = article.latest_version.author_id if article.latest_version else None
        if author_id == actor.pk and not actor.has_perm(Perm.PUBLISH_ARTICLES):
            raise PermissionDenied("Another reviewer checks your own changes.")
    elif article.state in (ArticleState.DRAFT, ArticleState.ARCHIVED):
        _require(
            actor,
            Perm.PUBLISH_ARTICLES,
            "Send the draft for review: only a support manager publishes a draft directly.",
        )
    else:
        raise ValidationError("The newest version is already published.")
    at = at or timezone.now()
    version = article.latest_version
    assert version is not None  # noqa: S101 - every article has a first version
    article.live_version = version
    article.state = ArticleState.PUBLISHED
    article.slug = slugify(version.title)[:120]
    article.published_at = at
    article.updated_at = at
    article.review_note = ""
    article.save()
    reindex(article)


def article_send_back(article: Article, actor: User, *, note: str) -> None:
    """A reviewer returns the version in review to its author with what to change."""
    _require(actor, Perm.REVIEW_ARTICLES, "Only reviewers send an article back.")
    if article.state != ArticleState.IN_REVIEW:
        raise ValidationError("Only an article in review can be sent back.")
    if not note.strip():
        raise ValidationError({"note": "Say what to change."})
    article.state = ArticleState.DRAFT
    article.review_note = note.strip()[:500]
    article.updated_at = timezone.now()
    article.save(update_fields=["state", "review_note", "updated_at"])
    author = article.latest_version.author if article.latest_version else None
    if author is not None:
        mail_queue(
            to=author.email,
            template="knowledge/mail/sent_back",
            context={"article": article, "actor": actor, "note": note, "url": _desk_url(article)},
        )


def article_archive(article: Article, actor: User) -> None:
    """Take the article off the help center, suggestions and search; its versions stay."""
    _require(actor, Perm.REVIEW_ARTICLES, "Only reviewers and managers archive articles.")
    article.state = ArticleState.ARCHIVED
    article.live_version = None
    article.updated_at = timezone.now()
    article.save(update_fields=["state", "live_version", "updated_at"])
    reindex(article)


def article_restore(article: Article, actor: User, *, number: int) -> ArticleVersion:
    """Save an old version's text again as the newest version (the history keeps all)."""
    old = article.versions.filter(number=number).first()
    if old is None:
        raise ValidationError({"version": f"The article has no version {number}."})
    return article_save(
        article, author=actor, title=old.title, body=old.body, note=f"Restored version {number}"
    )


def article_count_link(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(links_inserted=F("links_inserted") + 1)

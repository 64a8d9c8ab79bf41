"""The demo help center: six categories, over thirty published articles (one internal,
one for partners, one for Gold customers only, a German translation), a draft, a published
article with a staged next version, an article past its review-by date, reader feedback,
searches that found nothing and suggestions shown in the portal, so the help center, the
desk's article pages and the knowledge-base report all show something real."""

from datetime import datetime, timedelta

from django.utils.text import slugify

from charterdesk.accounts.models import User
from charterdesk.demo.reference import Reference
from charterdesk.knowledge.models import Article, Category, HelpSearch, Section
from charterdesk.knowledge.services import (
    article_create,
    article_publish,
    article_save,
    article_submit,
    feedback_record,
    search_log,
    suggestion_opened,
    suggestion_solved,
    suggestions_shown,
)

from .knowledge_articles import (
    ARTICLES,
    CATEGORIES,
    DRAFT,
    EMPTY_SEARCHES,
    GERMAN,
    GOLD_ONLY,
    INTERNAL,
    PARTNERS,
    STAGED_CHANGE,
)

T1, T2 = "tier1@charterdesk.example", "tier2@charterdesk.example"
MANAGER = "manager@charterdesk.example"
Spec = tuple[str, str, str, str]


def add_demo(ref: Reference, now: datetime) -> None:
    """Build the help center once (the demo command runs again and again)."""
    if Category.objects.exists():
        return
    categories = _categories()
    manager = ref.users[MANAGER]
    made = {}
    for index, spec in enumerate(ARTICLES):
        author = ref.users[(T1, T2)[index % 2]]
        made[spec[2]] = _published(
            spec, categories, author, manager, now - timedelta(days=90 - index)
        )
    at = now - timedelta(days=20)
    _published(INTERNAL, categories, ref.users[T2], manager, at, visibility="internal")
    _published(PARTNERS, categories, ref.users[T2], manager, at, visibility="partners")
    _published(
        GOLD_ONLY, categories, ref.users[T1], manager, at, visibility="customers",
        plans=[ref.plans["Gold"]],
    )  # fmt: skip
    _draft(DRAFT, categories, ref.users[T1], now)
    _staged(made["Rotate the SAML signing certificate before it expires"], ref.users[T1], now)
    _translation(made["Download invoices as PDF"], ref.users[T2], manager, now)
    stale = made["Pay by bank transfer instead of card"]
    Article.objects.filter(pk=stale.pk).update(review_by=(now - timedelta(days=10)).date())
    _feedback(made, ref)
    _deflections(made, ref, now)
    for query in EMPTY_SEARCHES:
        search_log(query, 0, signed_in=False)
    HelpSearch.objects.update(created_at=now - timedelta(days=3))


def _categories() -> dict[str, tuple[Category, dict[str, Section]]]:
    found = {}
    sections: dict[str, dict[str, Section]] = {}
    for position, (name, description) in enumerate(CATEGORIES):
        found[name] = Category.objects.create(
            name=name, slug=slugify(name), description=description, position=position
        )
        sections[name] = {}
    for category, section, *_ in [*ARTICLES, INTERNAL, PARTNERS, GOLD_ONLY, DRAFT]:
        if section not in sections[category]:
            sections[category][section] = Section.objects.create(
                category=found[category], name=section, position=len(sections[category])
            )
    return {name: (found[name], sections[name]) for name in found}


def _published(
    spec: Spec, categories: dict, author: User, manager: User, at: datetime, **options: object
) -> Article:
    category, section, title, body = spec
    article = article_create(
        author=author,
        title=title,
        body=body,
        category=categories[category][0],
        section=categories[category][1][section],
        owner=author,
        review_by=(at + timedelta(days=365)).date(),
        at=at,
        **options,  # type: ignore[arg-type]
    )
    article_publish(article, manager, at=at)
    return article


def _draft(spec: Spec, categories: dict, author: User, now: datetime) -> None:
    category, section, title, body = spec
    article_create(
        author=author, title=title, body=body, category=categories[category][0],
        section=categories[category][1][section], at=now - timedelta(days=2),
    )  # fmt: skip


def _staged(article: Article, author: User, now: datetime) -> None:
    version = article.latest_version
    assert version is not None  # noqa: S101
    article_save(
        article, author=author, title=version.title, body=STAGED_CHANGE,
        note="Metadata URL picks up new certificates; 60-day reminder", at=now - timedelta(days=1),
    )  # fmt: skip
    article_submit(article, author)


def _translation(original: Article, author: User, manager: User, now: datetime) -> None:
    title, body = GERMAN
    german = article_create(
        author=author, title=title, body=body, language="de", translation_of=original,
        category=original.category, section=original.section, at=now - timedelta(days=30),
    )  # fmt: skip
    article_publish(german, manager, at=now - timedelta(days=30))


def _feedback(made: dict[str, Article], ref: Reference) -> None:
    alice, bob = ref.users["alice@acme.example"], ref.users["bob@globex.example"]
    votes = [
        ("Download invoices as PDF", True, ""),
        ("Set up SAML single sign-on", True, "Worked first time."),
        ("Why was I charged twice this month?", False, "I was charged twice for the same invoice."),
        ("Error 502 Bad Gateway when opening reports", False, "Even a one-week report fails."),
    ]
    for index, (title, helpful, comment) in enumerate(votes):
        article = made[title]
        feedback_record(
            article, voter=f"user:{alice.pk}", helpful=helpful, comment=comment, user=alice
        )
        feedback_record(article, voter=f"user:{bob.pk}", helpful=helpful, user=bob)
        feedback_record(article, voter=f"browser:demo{index:012d}", helpful=not helpful)


def _deflections(made: dict[str, Article], ref: Reference, now: datetime) -> None:
    alice, carol = ref.users["alice@acme.example"], ref.users["carol@initech.example"]
    invoices, sso = made["Download invoices as PDF"], made["Set up SAML single sign-on"]
    loop = made["SSO sign-in loops back to the sign-in page"]
    suggestions_shown(alice, "demo-attempt-1", [invoices, made["Add your VAT number to invoices"]])
    suggestion_solved(alice, "demo-attempt-1", invoices)
    suggestions_shown(carol, "demo-attempt-2", [sso, loop])
    suggestion_opened(carol, "demo-attempt-2", loop)
    suggestions_shown(alice, "demo-attempt-3", [made["Uploads larger than 50 MB fail"]])

"""Search and suggestions in the widget: every kind of document the search engine holds
that has a reader check (`visible_to`), so articles and, once the community registers its
topics, community answers, each within what this reader may read. A kind without a
reader check is for agents only and never searched here."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString

from charterdesk.accounts.models import User
from charterdesk.search import documents

ARTICLE = "article"
PER_KIND = 5


@dataclass(frozen=True)
class Found:
    kind: str
    object_id: int
    title_html: SafeString
    snippet_html: SafeString
    url: str  # the page outside the widget (a new tab); articles open inside the widget

    @property
    def is_article(self) -> bool:
        return self.kind == ARTICLE

    @property
    def label(self) -> str:
        return "Article" if self.is_article else "Community"


def _searchable() -> dict[str, documents.Kind]:
    return {name: kind for name, kind in documents.kinds().items() if kind.visible_to}


def _allowed(kind: documents.Kind, reader: User | AnonymousUser) -> object:
    assert kind.visible_to is not None  # noqa: S101 - _searchable keeps these only
    # A public visitor reads with AnonymousUser: the owners' checks take it (the knowledge
    # base's articles_visible_to gives it the public articles).
    return kind.visible_to(reader)  # type: ignore[arg-type]


def widget_search(reader: User | AnonymousUser, q: str) -> list[Found]:
    """The best matches of each kind, articles first; [] for a query that cannot run."""
    found: list[Found] = []
    for name, kind in sorted(_searchable().items(), key=lambda item: item[0] != ARTICLE):
        try:
            page = documents.search(name, q, allowed=_allowed(kind, reader), limit=PER_KIND)  # type: ignore[arg-type]
        except ValidationError:
            return []
        found += [_found(name, kind, hit) for hit in page.items]
    return found


def widget_suggest(reader: User | AnonymousUser, text: str) -> list[Found]:
    """What may answer a request being written (the engine's similar documents)."""
    found: list[Found] = []
    for name, kind in sorted(_searchable().items(), key=lambda item: item[0] != ARTICLE):
        allowed = _allowed(kind, reader)
        hits = documents.similar(name, text=text[:4000], allowed=allowed, limit=3)  # type: ignore[arg-type]
        found += [_found(name, kind, hit) for hit in hits]
    return found


def _found(name: str, kind: documents.Kind, hit: documents.Hit) -> Found:
    url = kind.url(hit.object_id) if kind.url else ""
    return Found(name, hit.object_id, hit.title_html, hit.snippet_html, url)

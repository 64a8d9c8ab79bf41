"""Playbooks in the search engine's document index (live versions; agents only)."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.knowledge.markdown import plain_text
from charterdesk.search import documents
from charterdesk.search.documents import Document, Hit

from .models import Playbook

KIND = "playbook"


def document_of(playbook: Playbook) -> Document:
    version = playbook.live_version
    assert version is not None  # noqa: S101 - only published playbooks are indexed
    steps = " ".join(f"{s.title} {s.description}" for s in version.steps.all())
    return Document(
        kind=KIND,
        object_id=playbook.pk,
        title=version.title,
        body=f"{version.summary} {steps} {plain_text(version.script)}",
        updated_at=version.published_at,
    )


def reindex(playbook: Playbook) -> None:
    if playbook.live_version_id is None or playbook.archived_at is not None:
        documents.remove(KIND, playbook.pk)
    else:
        documents.upsert(document_of(playbook))


def _published() -> Iterator[Document]:
    rows = (
        Playbook.objects.filter(live_version__isnull=False, archived_at__isnull=True)
        .select_related("live_version")
        .prefetch_related("live_version__steps")
        .order_by("pk")
    )
    for playbook in rows.iterator(chunk_size=200):
        yield document_of(playbook)


def _count() -> int:
    return Playbook.objects.filter(live_version__isnull=False, archived_at__isnull=True).count()


def _visible(user: User) -> QuerySet[Playbook]:
    """Agents read every playbook; nobody else any."""
    return Playbook.objects.all() if getattr(user, "is_agent", False) else Playbook.objects.none()


def _url(playbook_id: int) -> str:
    return reverse("success:playbook", args=[playbook_id])


def register() -> None:
    documents.register_kind(KIND, rebuild=_published, count=_count, visible_to=_visible, url=_url)


def search_playbooks(user: User, q: str, rows: QuerySet[Playbook]) -> list[tuple[Playbook, Hit]]:
    """The published playbooks among `rows` that match `q`, best first, with snippets."""
    page = documents.search(KIND, q, allowed=rows if user.is_agent else rows.none(), limit=50)
    found = {p.pk: p for p in rows.filter(pk__in=[hit.object_id for hit in page.items])}
    return [(found[hit.object_id], hit) for hit in page.items if hit.object_id in found]

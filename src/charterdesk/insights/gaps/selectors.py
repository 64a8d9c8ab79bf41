"""Where the knowledge base falls short, ranked by volume (reads only; agents' pages).

- Solved tickets no article answered: solved (or closed) in the period, not merged, and
  no agent inserted an article's link into a reply on them (knowledge's `LinkUse`).
  Grouped by category, one GROUP BY query; tickets without a category are grouped by the
  significant words of their subjects (the newest TERMS_SAMPLE of them, counted here), so
  a ticket without a category may count under several words.
- Help-center searches that found nothing in the period, grouped by the query as typed
  (case and spaces aside), one GROUP BY query."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Lower, Trim

from charterdesk.knowledge.models import Article, HelpSearch, LinkUse
from charterdesk.tickets.models import Status, Ticket

from ..periods import Period
from ..terms import significant_terms
from .models import GapDraft, GapKind

SOLVED = (Status.SOLVED, Status.CLOSED)
MIN_TICKETS = 3  # a cluster of fewer solved tickets is not a gap yet
TERMS_SAMPLE = 20_000
LIMIT = 25


@dataclass(frozen=True)
class Gap:
    kind: str
    key: str
    label: str
    count: int
    draft: Article | None = None

    @property
    def search_query(self) -> str:
        """The desk search for the tickets behind a ticket gap."""
        if self.kind == GapKind.CATEGORY:
            return f'category:"{self.label}" status:solved'
        return f"{self.key} status:solved"


def unanswered_tickets(period: Period) -> QuerySet[Ticket]:
    """Solved in the period, no article linked in a reply."""
    return Ticket.objects.filter(
        status__in=SOLVED,
        solved_at__gte=period.since,
        solved_at__lt=period.until,
        merged_into__isnull=True,
    ).exclude(Exists(LinkUse.objects.filter(ticket=OuterRef("pk"))))


def ticket_gaps(period: Period, limit: int = LIMIT) -> list[Gap]:
    tickets = unanswered_tickets(period)
    by_category = (
        tickets.filter(category__isnull=False)
        .values("category_id", "category__path")
        .annotate(n=Count("id"))
        .filter(n__gte=MIN_TICKETS)
        .order_by("-n", "category__path")[:limit]
    )
    gaps = [
        Gap(GapKind.CATEGORY, str(r["category_id"]), r["category__path"], r["n"])
        for r in by_category
    ]
    subjects = (
        tickets.filter(category__isnull=True)
        .order_by("-solved_at")
        .values_list("subject", flat=True)[:TERMS_SAMPLE]
    )
    words: Counter[str] = Counter()
    for subject in subjects:
        words.update(significant_terms(subject))
    gaps += [
        Gap(GapKind.TERM, word, word, n) for word, n in words.most_common(limit) if n >= MIN_TICKETS
    ]
    gaps.sort(key=lambda g: (-g.count, g.label))
    return _with_drafts(gaps[:limit])


def search_gaps(period: Period, limit: int = LIMIT) -> list[Gap]:
    rows = (
        HelpSearch.objects.filter(
            created_at__gte=period.since, created_at__lt=period.until, results=0
        )
        .annotate(said=Lower(Trim("query")))
        .exclude(said="")
        .values("said")
        .annotate(n=Count("id"))
        .order_by("-n", "said")[:limit]
    )
    return _with_drafts([Gap(GapKind.SEARCH, r["said"], r["said"], r["n"]) for r in rows])


def _with_drafts(gaps: list[Gap]) -> list[Gap]:
    """Each gap with the article already drafted for it (one query)."""
    if not gaps:
        return gaps
    drafts = GapDraft.objects.filter(
        kind__in={g.kind for g in gaps}, key__in=[g.key for g in gaps]
    ).select_related("article__latest_version")
    found = {(d.kind, d.key): d.article for d in drafts}
    return [Gap(g.kind, g.key, g.label, g.count, found.get((g.kind, g.key))) for g in gaps]


def gap_tickets(kind: str, key: str, period: Period, limit: int = 20) -> QuerySet[Ticket]:
    """The newest tickets of a ticket gap, the candidates to draft from."""
    tickets = unanswered_tickets(period).order_by("-solved_at", "-id")
    if kind == GapKind.CATEGORY:
        return tickets.filter(category_id=int(key))[:limit]
    return tickets.filter(category__isnull=True, subject__icontains=key)[:limit]

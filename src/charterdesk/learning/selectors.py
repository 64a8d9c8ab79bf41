"""Reads of learning paths and drafts. Everything here is for agents (learners, mentors,
managers); customers never reach it (drafts are not messages, so no customer selector
of messages returns them)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared, with_parent
from charterdesk.knowledge.records import LinkUse
from charterdesk.satisfaction.models import SATISFIED
from charterdesk.tickets.models import Status, Ticket

from .models import (
    Completion,
    DraftReply,
    DraftState,
    Enrollment,
    LearningPath,
    PathItem,
    Shadowing,
)

MATRIX_PAGE = 25
LEARNABLE_STATUSES = (Status.SOLVED, Status.CLOSED)
SUGGESTIONS = 10


def shadowing_of(user: User) -> Shadowing | None:
    """The learner's shadow mode in force (with the mentor), or None."""
    return Shadowing.objects.filter(learner=user, ended_at=None).select_related("mentor").first()


def paths_of_learner(learner: User) -> QuerySet[LearningPath]:
    """The learner's paths, each with `item_count` and `done_count` (one query)."""
    return (
        LearningPath.objects.filter(enrollments__learner=learner)
        .select_related("product")
        .annotate(
            item_count=Count("items", distinct=True),
            done_count=Count(
                "items__completions",
                filter=Q(items__completions__learner=learner),
                distinct=True,
            ),
        )
        .order_by("title", "id")
    )


def paths_listed() -> QuerySet[LearningPath]:
    return (
        LearningPath.objects.select_related("product")
        .annotate(
            item_count=Count("items", distinct=True),
            learner_count=Count("enrollments", distinct=True),
        )
        .order_by("title", "id")
    )


def items_with_progress(path: LearningPath, learner: User) -> list[PathItem]:
    """The path's items in order, each with `done` (the learner's Completion or None)."""
    items = list(
        path.items.select_related("ticket", "article__live_version", "article__latest_version")
    )
    done = {c.item_id: c for c in Completion.objects.filter(item__path=path, learner=learner)}
    for item in items:
        item.done = done.get(item.pk)  # type: ignore[attr-defined]
    return items


def next_item(items: list[PathItem]) -> PathItem | None:
    return next((i for i in items if i.done is None), None)  # type: ignore[attr-defined]


def is_enrolled(path_id: int, learner: User) -> bool:
    return Enrollment.objects.filter(path_id=path_id, learner=learner).exists()


@dataclass(frozen=True)
class MatrixRow:
    learner: User
    done_count: int
    cells: list[object]  # per item, in the path's order: the Completion or None


@dataclass(frozen=True)
class Matrix:
    items: list[PathItem]
    rows: list[MatrixRow]
    page: Page  # type: ignore[type-arg]


def progress_matrix(path: LearningPath, page_number: str | None) -> Matrix:
    """Learners × items of one path, a page of learners at a time, in three queries:
    the items, the page of learners with their count done (aggregated in SQL), and the
    completions of that page's learners."""
    items = list(path.items.select_related("ticket", "article__latest_version"))
    enrollments = (
        Enrollment.objects.filter(path=path)
        .select_related("learner")
        .annotate(
            done_count=Count(
                "learner__completions",
                filter=Q(learner__completions__item__path=path),
            )
        )
        .order_by("learner__name", "learner__email", "id")
    )
    page = Paginator(enrollments, MATRIX_PAGE).get_page(page_number)
    learner_ids = [e.learner_id for e in page]
    done = {
        (c.learner_id, c.item_id): c
        for c in Completion.objects.filter(item__path=path, learner_id__in=learner_ids)
    }
    rows = [
        MatrixRow(e.learner, e.done_count, [done.get((e.learner_id, i.pk)) for i in items])  # type: ignore[attr-defined]
        for e in page
    ]
    return Matrix(items, rows, page)


def suggested_tickets(path: LearningPath) -> QuerySet[Ticket]:
    """Solved tickets of the path's product and type, the customer happy with the answer
    and an article linked in a reply, not on the path yet; ranked by rating, then by how
    many article links, then the most recent."""
    links = LinkUse.objects.filter(ticket=OuterRef("pk"))
    link_count = links.values("ticket").annotate(n=Count("id")).values("n")
    tickets = Ticket.objects.filter(
        status__in=LEARNABLE_STATUSES, survey__rating__in=SATISFIED
    ).filter(Exists(links))
    if path.product_id:
        tickets = tickets.filter(product_ref_id=path.product_id)
    if path.request_type:
        tickets = tickets.filter(request_type=path.request_type)
    taken = path.items.filter(ticket__isnull=False).values("ticket_id")
    return (
        tickets.exclude(pk__in=taken)
        .annotate(link_count=Subquery(link_count))
        .select_related("survey")
        .order_by("-survey__rating", "-link_count", "-solved_at", "-id")[:SUGGESTIONS]
    )


def drafts_to_review(mentor: User) -> QuerySet[DraftReply]:
    return (
        DraftReply.objects.filter(mentor=mentor, state=DraftState.WAITING)
        .select_related("ticket", "learner")
        .order_by("created_at", "id")
    )


def drafts_of_learner(learner: User) -> QuerySet[DraftReply]:
    """The learner's drafts, newest first: waiting, returned with comments, approved."""
    return (
        DraftReply.objects.filter(learner=learner)
        .select_related("ticket", "mentor")
        .order_by("-created_at", "-id")
    )


def drafts_on_ticket(ticket: Ticket) -> QuerySet[DraftReply]:
    """The ticket's drafts waiting or returned (for agents on the ticket page)."""
    return (
        DraftReply.objects.filter(ticket=ticket)
        .exclude(state=DraftState.APPROVED)
        .select_related("learner", "mentor")
        .order_by("created_at", "id")
    )


_drafts_on_ticket = Prepared(
    lambda ticket_id: (
        DraftReply.objects.filter(ticket_id=ticket_id)
        .exclude(state=DraftState.APPROVED)
        .select_related("learner", "mentor")
        .order_by("created_at", "id")
    ),
    int,
)


def drafts_listed(ticket: Ticket) -> list[DraftReply]:
    """`drafts_on_ticket(ticket)` as a list, its SQL compiled once (the ticket page)."""
    return with_parent(_drafts_on_ticket(ticket.pk), "ticket", ticket)


def draft_for_mentor(mentor: User, draft_id: int) -> DraftReply:
    """The draft, locked, if `mentor` reviews it (DoesNotExist otherwise)."""
    return (
        DraftReply.objects.select_for_update(of=("self",))
        .select_related("ticket", "learner")
        .get(pk=draft_id, mentor=mentor)
    )

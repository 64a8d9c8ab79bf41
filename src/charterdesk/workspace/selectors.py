"""Reads of the workspace, each scoped to what the agent may use."""

from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared
from charterdesk.routing.models import Team
from charterdesk.tickets.models import Ticket

from .filters import condition
from .models import Macro, MacroVisibility, SavedView

MACRO_CHOICES = 200  # the ticket page's drop-down: the most used macros first
_macro_choices = Prepared(
    lambda user_id: (
        Macro.objects.filter(
            Q(visibility=MacroVisibility.SHARED)
            | Q(owner_id=user_id)
            | Q(visibility=MacroVisibility.TEAM, team__in=Team.objects.filter(members=user_id))
            | Q(visibility=MacroVisibility.TEAM, team__lead_id=user_id)
        )
        .only("id", "title")
        .order_by("-usage_count", "title")[:MACRO_CHOICES]
    ),
    int,
)


def macro_choices_for(user: User) -> list[Macro]:
    """The macros of `macros_visible_to(user)` the ticket page offers, most used first:
    their ids and titles only, the SQL compiled once."""
    return _macro_choices(user.pk) if user.is_agent else []


def macros_visible_to(user: User) -> QuerySet[Macro]:
    """The macros an agent may see and apply: their own, their teams', the shared ones.
    None for customers."""
    if not user.is_agent:
        return Macro.objects.none()
    return Macro.objects.filter(
        Q(visibility=MacroVisibility.SHARED)
        | Q(owner=user)
        | Q(visibility=MacroVisibility.TEAM, team__in=user.teams.all())
        | Q(visibility=MacroVisibility.TEAM, team__lead=user)
    ).select_related("owner", "team")


def macro_get_for(user: User, macro_id: int) -> Macro:
    """One macro the user may use; Macro.DoesNotExist otherwise."""
    return macros_visible_to(user).get(pk=macro_id)


def views_visible_to(user: User) -> QuerySet[SavedView]:
    """An agent's own views and the shared ones."""
    if not user.is_agent:
        return SavedView.objects.none()
    return SavedView.objects.filter(Q(owner=user) | Q(shared=True)).select_related("owner")


def view_get_for(user: User, view_id: int) -> SavedView:
    return views_visible_to(user).get(pk=view_id)


def view_counts(user: User, views: list[SavedView], cap: int | None = None) -> dict[int, int]:
    """How many tickets each view shows, in one query for all of them: one counting
    subquery per view, each read through the index its filters name (the open tickets'
    `ticket_queue_*` indexes, the tags' index), never the whole tickets table. With `cap`,
    each count stops at cap + 1 (the queue shows "1,000+"): a view then costs at most that
    many index entries however many tickets it holds."""
    if not views:
        return {}
    parts: list[str] = []
    params: list[Any] = []
    for view in views:
        rows = Ticket.objects.filter(condition(view.filters, user)).order_by().values("pk")
        sql, sql_params = (rows[: cap + 1] if cap is not None else rows).query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) view_rows)")  # noqa: S608 - compiled SQL
        params.extend(sql_params)
    with connection.cursor() as cursor:
        # Only Django-compiled subqueries and their parameters: nothing typed is spliced in.
        cursor.execute("SELECT " + ", ".join(parts), params)
        counts = cursor.fetchone()
    return {view.pk: int(n) for view, n in zip(views, counts, strict=True)}

"""Reads of the workspace, each scoped to what the agent may use."""

from django.db.models import Count, Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket

from .filters import condition
from .models import Macro, MacroVisibility, SavedView


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


def view_counts(user: User, views: list[SavedView]) -> dict[int, int]:
    """How many tickets each view shows, in one aggregate query for all of them."""
    if not views:
        return {}
    counts = Ticket.objects.aggregate(
        **{f"v{view.pk}": Count("pk", filter=condition(view.filters, user)) for view in views}
    )
    return {view.pk: counts[f"v{view.pk}"] for view in views}

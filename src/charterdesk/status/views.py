"""The public status page, its statuspage.io v2 JSON, the Atom and iCalendar feeds.
Nothing here needs a sign-in; a signed-in customer also sees their own deployments."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from charterdesk.incidents.audience import Scope, affected_service_ids, service_parents
from charterdesk.incidents.choices import OPEN_STATUSES, Impact
from charterdesk.incidents.models import Deployment, Incident
from charterdesk.incidents.selectors import incidents_visible_to

from . import feeds, public, v2
from .forms import SubscribeForm
from .history import Day, history, uptime
from .public import Component

RECENT_DAYS = 14
LISTED = 50


def _json(data: dict[str, Any]) -> JsonResponse:
    response = JsonResponse(data)
    response["Access-Control-Allow-Origin"] = "*"  # widgets on other sites read it
    response["Cache-Control"] = "public, max-age=30"
    return response


def _private(request: HttpRequest) -> dict[str, Any] | None:
    """A signed-in customer's own deployments and the incidents that affect them."""
    user = request.user
    contact = getattr(user, "contact", None) if user.is_authenticated else None
    if contact is None:
        return None
    deployments = list(
        Deployment.objects.filter(organization_id=contact.organization_id)
        .select_related("service")
        .order_by("service__position", "service__name", "region")
    )
    incidents = list(
        incidents_visible_to(user)  # type: ignore[arg-type]
        .filter(status__in=OPEN_STATUSES)
        .prefetch_related("services")
        .order_by("-started_at")[:20]
    )
    rows = _deployment_rows(deployments, incidents)
    return {"organization": contact.organization, "rows": rows, "incidents": incidents}


def _deployment_rows(
    deployments: list[Deployment], incidents: list[Incident]
) -> list[dict[str, Any]]:
    """Each deployment's state: the worst open incident that affects it by the audience's
    rule (an incident on a part affects the service above it, and the other way round;
    its regions, when it names any)."""
    parents = service_parents() if incidents else {}
    scopes = [
        (
            Scope(
                affected_service_ids([s.pk for s in i.services.all()], parents),
                [r for r in i.regions if r],
            ),
            public.BY_IMPACT[Impact(i.impact)],
        )
        for i in incidents
    ]
    rows = []
    for deployment in deployments:
        status = public.OPERATIONAL
        for scope, worse in scopes:
            covered = scope.covers(deployment.service_id, deployment.region)
            if covered and public.RANK[worse] > public.RANK[status]:
                status = worse
        rows.append({"deployment": deployment, "status": status, "label": public.LABEL[status]})
    return rows


@dataclass
class Row:
    component: Component
    days: list[Day]
    uptime: float
    depth: int


def _rows(components: list[Component], days: dict[int, list[Day]]) -> list[Row]:
    """Groups first, each followed by its parts (indented)."""
    by_id = {c.service.pk: c for c in components}
    out: list[Row] = []

    def add(component: Component, depth: int) -> None:
        found = days[component.service.pk]
        out.append(Row(component, found, uptime(found), depth))
        for part in component.parts:
            add(by_id[part], depth + 1)

    for component in components:
        if component.service.parent_id not in by_id:
            add(component, 0)
    return out


@require_GET
def status_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    snapshot = v2.Snapshot()
    rows = _rows(snapshot.components, history(snapshot.services, now))
    resolved = [
        i
        for i in public.recent_incidents(now - timedelta(days=RECENT_DAYS))
        if i.status not in OPEN_STATUSES
    ]
    context = {
        "snapshot": snapshot,
        "rows": rows,
        "resolved": resolved,
        "private": _private(request),
        "now": now,
        "subscribe_form": SubscribeForm(),
    }
    return render(request, "status/page.html", context)


@require_GET
def summary_json(request: HttpRequest) -> JsonResponse:
    return _json(v2.Snapshot().summary())


@require_GET
def status_json(request: HttpRequest) -> JsonResponse:
    snapshot = v2.Snapshot()
    return _json({"page": snapshot.page(), "status": snapshot.status()})


@require_GET
def components_json(request: HttpRequest) -> JsonResponse:
    snapshot = v2.Snapshot()
    return _json(
        {"page": snapshot.page(), "components": [v2.component(c) for c in snapshot.components]}
    )


@require_GET
def incidents_json(request: HttpRequest) -> JsonResponse:
    snapshot = v2.Snapshot()
    rows = public.public_incidents()[:LISTED]
    return _json(
        {"page": snapshot.page(), "incidents": [v2.incident(i, snapshot.statuses) for i in rows]}
    )


@require_GET
def unresolved_json(request: HttpRequest) -> JsonResponse:
    snapshot = v2.Snapshot()
    rows = snapshot.open_incidents
    return _json(
        {"page": snapshot.page(), "incidents": [v2.incident(i, snapshot.statuses) for i in rows]}
    )


def _maintenances(request: HttpRequest, which: str) -> JsonResponse:
    snapshot = v2.Snapshot()
    if which == "upcoming":
        rows = snapshot.upcoming
    elif which == "active":
        rows = snapshot.active
    else:
        rows = list(public.listed_maintenance().order_by("-starts_at")[:LISTED])
    return _json(
        {
            "page": snapshot.page(),
            "scheduled_maintenances": [v2.maintenance(m, snapshot.statuses) for m in rows],
        }
    )


@require_GET
def maintenances_json(request: HttpRequest) -> JsonResponse:
    return _maintenances(request, "all")


@require_GET
def upcoming_json(request: HttpRequest) -> JsonResponse:
    return _maintenances(request, "upcoming")


@require_GET
def active_json(request: HttpRequest) -> JsonResponse:
    return _maintenances(request, "active")


@require_GET
@cache_control(public=True, max_age=60)
def atom_feed(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = public.public_incidents()[:LISTED]
    return HttpResponse(feeds.atom(rows, now), content_type="application/atom+xml; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=300)
def ical_feed(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = public.public_maintenance().order_by("-starts_at")[:200]
    response = HttpResponse(feeds.icalendar(rows, now), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="maintenance.ics"'
    return response

"""One public incident and one public maintenance window: the pages the Atom feed, the
iCalendar feed and the v2 JSON `shortlink` point to. Nothing here needs a sign-in; what is
not on the public page (an incident not confirmed or not public, a window not public)
answers 404."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from charterdesk.incidents.choices import Impact

from . import public

IMPACT_WORDS = {
    Impact.NONE: "no impact",
    Impact.MINOR: "minor impact",
    Impact.MAJOR: "major impact",
    Impact.CRITICAL: "critical impact",
}


@require_GET
@cache_control(public=True, max_age=30)
def incident(request: HttpRequest, incident_id: int) -> HttpResponse:
    found = get_object_or_404(public.public_incidents(), pk=incident_id)
    context = {"incident": found, "impact": IMPACT_WORDS[Impact(found.impact)]}
    return render(request, "status/incident.html", context)


@require_GET
@cache_control(public=True, max_age=30)
def maintenance_window(request: HttpRequest, maintenance_id: int) -> HttpResponse:
    found = get_object_or_404(public.public_maintenance(), pk=maintenance_id)
    return render(request, "status/maintenance_window.html", {"window": found})

"""Find spikes in the last window and raise them through incident management.

A run (the `detect-ticket-spikes` job, every 5 minutes; the caller owns the transaction):
1. tickets of the window that belong to a cluster whose spike incident is still open are
   linked to it (one open suspected incident per cluster);
2. the other tickets of the window are grouped into clusters (clusters.py); a cluster is a
   spike when it has at least `min_tickets` tickets from at least `min_organizations`
   organizations and at least `ratio` times its usual count for that hour of the week;
3. largest clusters first, each spike opens a suspected incident (source "spike", deduped
   by the cluster's key) with its tickets linked; a ticket counts for one spike only, so a
   burst that shares a category and a word raises one incident, not two."""

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count

from charterdesk.incidents.choices import OPEN_STATUSES, Qualification, Source
from charterdesk.incidents.models import Deployment, Incident, IncidentTicket, Service
from charterdesk.incidents.services import incident_open, ticket_link
from charterdesk.tickets.category_models import Category
from charterdesk.tickets.models import Ticket

from .clusters import Cluster, Key, Seen, clusters_of, keys_of, usual_counts, window_tickets
from .models import ClusterKind, Spike, SpikeSettings, dedup_key

QUIET_AFTER_DISMISSAL = timedelta(hours=24)  # a dismissed cluster is not raised again so soon
SURPRISE = 1e-4  # chance, at the usual rate, of so many similar tickets in one window


@dataclass
class Detection:
    raised: list[Spike] = field(default_factory=list)
    linked: int = 0  # tickets linked to spike incidents in this run (new and open spikes)


def spikes_detect(now: datetime, settings: SpikeSettings | None = None) -> Detection:
    settings = settings or SpikeSettings.current()
    result = Detection()
    if not settings.enabled:
        return result
    since = now - timedelta(minutes=settings.window_minutes)
    seen = window_tickets(since, now)
    result.linked += _follow_open_spikes(seen, now)
    explained = set(
        IncidentTicket.objects.filter(
            ticket__created_at__gte=since,
            ticket__created_at__lt=now,
            incident__status__in=OPEN_STATUSES,
        ).values_list("ticket_id", flat=True)
    )
    labels = dict(Category.objects.values_list("pk", "path"))
    clusters = clusters_of([t for t in seen if t.id not in explained], labels)
    quiet = _dismissed_lately(now)
    candidates = [
        c
        for c in clusters.values()
        if (c.kind, c.key) not in quiet and _big_enough(c.tickets, settings)
    ]
    usual = usual_counts(((c.kind, c.key) for c in candidates), since, now, settings.history_weeks)
    taken: set[int] = set()
    for cluster in sorted(candidates, key=lambda c: _first(c, usual)):
        tickets = [t for t in cluster.tickets if t.id not in taken]
        expected = usual[cluster.kind, cluster.key]
        if not _big_enough(tickets, settings) or not _surprising(len(tickets), expected, settings):
            continue
        same = [
            c.label
            for c in candidates
            if c is not cluster and c.kind == cluster.kind and _same(c, tickets, taken)
        ]
        spike = _raise(cluster, tickets, expected, settings, now, also=same)
        taken.update(t.id for t in tickets)
        result.raised.append(spike)
        result.linked += spike.linked
    return result


def _first(cluster: Cluster, usual: dict[Key, float]) -> tuple[int, int, bool, float, str]:
    """The most tickets, then organizations; a category before a word; then the rarest."""
    return (
        -len(cluster.tickets),
        -len(cluster.organizations),
        cluster.kind != ClusterKind.CATEGORY,
        usual[cluster.kind, cluster.key],
        cluster.key,
    )


def _big_enough(tickets: Collection[Seen], settings: SpikeSettings) -> bool:
    organizations = {t.organization_id for t in tickets if t.organization_id is not None}
    return len(tickets) >= settings.min_tickets and len(organizations) >= (
        settings.min_organizations
    )


def _surprising(count: int, expected: float, settings: SpikeSettings) -> bool:
    """At least `ratio` times the usual count, and so many would come at the usual rate
    less than once in SURPRISE windows (Poisson): 6 where 1.5 is usual is 4× but happens
    every few days for some word; 6 where 0.5 is usual is not chance."""
    return count >= settings.ratio * expected and poisson_tail(count, expected) < SURPRISE


def poisson_tail(count: int, expected: float) -> float:
    """P(X >= count) for X ~ Poisson(expected)."""
    if expected <= 0:
        return 0.0 if count > 0 else 1.0
    term = below = math.exp(-expected)
    for k in range(1, count):
        term *= expected / k
        below += term
    return max(0.0, 1.0 - below)


def _same(other: Cluster, tickets: list[Seen], taken: set[int]) -> bool:
    """Another group made of exactly these tickets (two words every ticket shares)."""
    return {t.id for t in other.tickets if t.id not in taken} == {t.id for t in tickets}


def _dismissed_lately(now: datetime) -> set[Key]:
    """Clusters whose spike incident was dismissed in the last day: people looked and
    said it is no outage, so the same burst does not page them again."""
    rows = Spike.objects.filter(
        detected_at__gte=now - QUIET_AFTER_DISMISSAL,
        incident__qualification=Qualification.DISMISSED,
    ).values_list("kind", "key")
    return {(kind, key) for kind, key in rows}


def _follow_open_spikes(seen: list[Seen], now: datetime) -> int:
    """Later tickets of a cluster whose spike incident is still open join it."""
    open_spikes = (
        Spike.objects.filter(incident__status__in=OPEN_STATUSES)
        .exclude(incident__qualification=Qualification.DISMISSED)
        .select_related("incident")
    )
    linked = 0
    for spike in open_spikes:
        assert spike.incident is not None  # noqa: S101 - filtered on its status above
        members = [
            t.id for t in seen if (spike.kind, spike.key) in keys_of(t.category_id, t.subject)
        ]
        done = set(
            IncidentTicket.objects.filter(
                incident=spike.incident, ticket_id__in=members
            ).values_list("ticket_id", flat=True)
        )
        new = [pk for pk in members if pk not in done]
        for ticket in Ticket.objects.filter(pk__in=new).order_by("pk"):
            ticket_link(spike.incident, ticket, None, now, automatic=True)
        if new:
            spike.linked += len(new)
            spike.last_seen_at = now
            spike.save(update_fields=["linked", "last_seen_at"])
            linked += len(new)
    return linked


def _raise(
    cluster: Cluster,
    tickets: list[Seen],
    expected: float,
    settings: SpikeSettings,
    now: datetime,
    also: Collection[str] = (),
) -> Spike:
    organizations = {t.organization_id for t in tickets if t.organization_id is not None}
    spike = Spike(
        kind=cluster.kind,
        key=cluster.key,
        label=" · ".join([cluster.label, *sorted(also)])[:300],
        detected_at=now,
        last_seen_at=now,
        tickets=len(tickets),
        organizations=len(organizations),
        expected=round(expected, 2),
    )
    services = affected_services(organizations, settings)
    if services:
        spike.incident = _open_incident(spike, services, settings, now)
        for ticket in Ticket.objects.filter(pk__in=[t.id for t in tickets]).order_by("pk"):
            ticket_link(spike.incident, ticket, None, now, automatic=True)
        spike.linked = len(tickets)
    spike.save()
    return spike


def _open_incident(
    spike: Spike, services: list[Service], settings: SpikeSettings, now: datetime
) -> Incident:
    what = "category" if spike.kind == ClusterKind.CATEGORY else "word"
    return incident_open(
        None,
        title=f"Spike: {spike.tickets} tickets about “{spike.label}” from "
        f"{spike.organizations} organizations",
        services=services,
        now=now,
        source=Source.SPIKE,
        dedup_key=dedup_key(spike.kind, spike.key),
        nature=(
            f"{spike.tickets} tickets with the {what} “{spike.label}” from "
            f"{spike.organizations} organizations in {settings.window_minutes} minutes; "
            f"usually {spike.expected:g} at this hour of the week. "
            "Raised from the tickets, not from a monitor: check whether it is an outage."
        )[:500],
    )


def affected_services(organizations: Collection[int], settings: SpikeSettings) -> list[Service]:
    """The services that most of the organizations use (their deployments); else the
    setting's service; else the catalogue's first service."""
    shared = (
        Deployment.objects.filter(
            organization_id__in=organizations, service__archived_at__isnull=True
        )
        .values("service_id")
        .annotate(n=Count("organization_id", distinct=True))
        .order_by("-n")
    )
    rows = list(shared)
    if rows:
        top = rows[0]["n"]
        ids = [r["service_id"] for r in rows if r["n"] == top]
        return list(Service.objects.filter(pk__in=ids))
    if settings.service is not None and not settings.service.is_archived:
        return [settings.service]
    first = Service.objects.in_use().first()
    return [first] if first is not None else []

"""A statement as data (the API's shape) and as CSV."""

import io
from decimal import Decimal
from typing import Any

from charterdesk.core.spreadsheets import SafeWriter

from .usage import Row, Statement


def _number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _by_key(rows: list[Row]) -> dict[str, float | int | None]:
    return {row.key or "none": _number(row.value) for row in rows}


def as_data(s: Statement) -> dict[str, Any]:
    """The statement as the API returns it; hours are decimal numbers."""
    satisfaction = s.satisfaction
    return {
        "contract_id": s.contract.pk,
        "organization": s.contract.organization.name,
        "plan": s.contract.plan.name,
        "month": str(s.month),
        "time_zone": str(s.zone),
        "period_start": s.start,
        "period_end": s.end,
        "hours_included": _number(s.hours_included),
        "hours_purchased": _number(s.hours_purchased),
        "hours_used": _number(s.hours_used),
        "hours_used_before": _number(s.hours_used_before),
        "hours_remaining": _number(s.hours_remaining),
        "hours_overage": _number(s.hours_overage),
        "tickets": s.tickets,
        "tickets_open": s.open_tickets,
        "tickets_by_type": _by_key(s.tickets_by_type),
        "tickets_by_priority": _by_key(s.tickets_by_priority),
        "tickets_by_coverage": _by_key(s.tickets_by_coverage),
        "by_requester": [
            {"contact_id": r.contact_id, "name": r.name, "email": r.email}
            | {"tickets": r.tickets, "hours": _number(r.hours)}
            for r in s.requesters
        ],
        "time_total": _number(s.time_total),
        "time_billable": _number(s.time_billable),
        "time_by_activity": _by_key(s.time_by_activity),
        "time_by_tier": _by_key(s.time_by_tier),
        "sla_attainment": {
            row.metric: {
                "achieved": row.achieved,
                "breached": row.breached,
                "active": row.active,
                "percent": _number(row.percent),
            }
            for row in s.sla
        },
        "promises": s.promises.__dict__,
        "satisfaction": {
            "answers": satisfaction.answers,
            "average": _number(satisfaction.average),
            "csat_percent": _number(satisfaction.csat_percent),
            "distribution": _by_key(satisfaction.distribution),
        },
    }


def filename(s: Statement, extension: str) -> str:
    return f"usage-statement-{s.contract.pk}-{s.month}.{extension}"


def as_csv(s: Statement) -> str:
    """One line per figure: section, item, label, value (hours as decimal hours)."""
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(["section", "item", "label", "value"])
    writer.writerow(["statement", "organization", "Organization", s.contract.organization.name])
    writer.writerow(["statement", "month", "Month", str(s.month)])
    writer.writerow(["statement", "time_zone", "Time zone", str(s.zone)])
    for key, label in (
        ("hours_included", "Hours included"),
        ("hours_purchased", "Hours purchased"),
        ("hours_used_before", "Hours used before this month"),
        ("hours_used", "Hours used this month"),
        ("hours_remaining", "Hours remaining"),
        ("hours_overage", "Overage hours"),
    ):
        writer.writerow(["hours", key, label, getattr(s, key)])
    sections = (
        ("tickets_by_type", s.tickets_by_type),
        ("tickets_by_priority", s.tickets_by_priority),
        ("tickets_by_coverage", s.tickets_by_coverage),
        ("time_by_activity", s.time_by_activity),
        ("time_by_tier", s.time_by_tier),
        ("satisfaction", s.satisfaction.distribution),
    )
    for section, rows in sections:
        writer.writerows([section, r.key, r.label, r.value] for r in rows)
    for r in s.requesters:
        writer.writerow(["requester_tickets", r.email, r.name, r.tickets])
        writer.writerow(["requester_hours", r.email, r.name, r.hours])
    for m in s.sla:
        for key in ("achieved", "breached", "active", "percent"):
            value = getattr(m, key)
            writer.writerow([f"sla_{key}", m.metric, m.label, "" if value is None else value])
    for key, value in s.promises.__dict__.items():
        writer.writerow(["promises", key, key.capitalize(), value])
    return out.getvalue()

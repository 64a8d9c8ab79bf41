"""A statement as CSV (the API's shape is statements.schemas.StatementOut)."""

import io

from charterdesk.core.spreadsheets import SafeWriter

from .usage import Statement


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

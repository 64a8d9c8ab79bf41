"""The Atom feed of public incident updates and the iCalendar feed of public maintenance
(RFC 5545 written by hand: a few properties, escaped and folded as the RFC says)."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed

from charterdesk.incidents.choices import MaintenanceStatus
from charterdesk.incidents.models import Incident, Maintenance

from .public import services_of, updates_of


def atom(incidents: Iterable[Incident], now: datetime) -> str:
    base = settings.SITE_URL.rstrip("/")
    feed = Atom1Feed(
        title="CharterDesk status",
        link=f"{base}/status/",
        description="Incident updates",
        feed_url=f"{base}/status/feed.atom",
        language="en",
        feed_guid=f"{base}/status/",
    )
    for incident in incidents:
        for update in updates_of(incident):
            feed.add_item(
                title=f"{incident.title}: {update.get_status_display()}",
                link=f"{base}/status/incidents/{incident.pk}",
                description=update.message,
                unique_id=f"{base}/status/incidents/{incident.pk}#update-{update.pk}",
                pubdate=update.created_at,
                updateddate=update.created_at,
            )
    return feed.writeString("utf-8")


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded: CRLF and one space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start = [], 0
    limit = 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a character
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def icalendar(maintenances: Iterable[Maintenance], now: datetime) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "charterdesk"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CharterDesk//Status page//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:CharterDesk scheduled maintenance",
    ]
    for item in maintenances:
        names = ", ".join(s.name for s in services_of(item))
        description = item.description + (f"\n\nServices: {names}" if names else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:maintenance-{item.pk}@{host}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(item.starts_at)}",
            f"DTEND:{_stamp(item.ends_at)}",
            f"SUMMARY:{_escape(item.title)}",
            f"DESCRIPTION:{_escape(description.strip())}",
            f"SEQUENCE:{item.sequence}",
            "STATUS:CANCELLED"
            if item.status == MaintenanceStatus.CANCELLED
            else "STATUS:CONFIRMED",
            f"URL:{settings.SITE_URL.rstrip('/')}/status/maintenance/{item.pk}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"

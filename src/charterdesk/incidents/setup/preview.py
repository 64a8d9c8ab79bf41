"""A template's preview with sample values: only the {placeholders} are filled in, by
`placeholders.render`; nothing a manager writes is ever executed."""

from django.conf import settings

from ..placeholders import render

SAMPLE: dict[str, str] = {
    "title": "Checkout is slow in Europe",
    "nature": "Payments take up to a minute and some fail.",
    "status": "Identified",
    "services": "Checkout, Payments API",
    "regions": "EU",
    "expected_resolution": "2026-12-04 16:00 UTC",
    "next_update": "2026-12-04 15:30 UTC",
    "message": "We found the cause: a database failover. The fix is being deployed.",
    "article_link": "https://help.example/articles/checkout-slow",
    "data_lost": "no",
    "window": "2026-12-06 02:00 UTC to 2026-12-06 04:00 UTC",
    "postmortem": "What happened, why, and what we change so it does not happen again.",
}


def sample_values() -> dict[str, str]:
    return {**SAMPLE, "status_page": f"{settings.SITE_URL}/status/"}


def preview(subject: str, body: str) -> tuple[str, str]:
    values = sample_values()
    return " ".join(render(subject, values).split()), render(body, values)

"""Marked text from a backend into safe HTML: escaped, with <mark> around the matches."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .backends.base import START, STOP


def marked(text: str | None) -> SafeString:
    """`text` with the backend's match markers, as HTML safe to print as is."""
    escaped = escape(text or "")
    html = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> added

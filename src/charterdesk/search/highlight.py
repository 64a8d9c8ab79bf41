"""Marked text from a backend into safe HTML: escaped, with <mark> around the matches."""

import html

from django.utils.safestring import SafeString

from .backends.base import START, STOP


def marked(text: str | None) -> SafeString:
    """`text` with the backend's match markers, as HTML safe to print as is. Escaped as
    Django's `escape` does (`html.escape`), without its lazy-string wrapper: a results
    page marks each hit's title and snippet."""
    escaped = html.escape(text or "")
    return SafeString(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))

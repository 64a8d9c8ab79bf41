from django import template
from django.utils.safestring import SafeString, mark_safe

from ..markup import render

register = template.Library()


@register.filter
def markdown(body: str) -> SafeString:
    """A post's body as safe HTML (Markdown, raw HTML off, sanitized by nh3)."""
    return mark_safe(render(body))  # noqa: S308 - nh3 sanitized it

"""`{% link 'name' %}`: the address of a page that takes no arguments, worked out once per
process (and script prefix) instead of on every render. The top bar of every page links
thirty of them: `{% url %}` resolved each anew, half a millisecond per page (issue #13).
The same address as `{% url 'name' %}`, escaped the same way."""

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_known: dict[tuple[str, str | None, str], str] = {}


@register.simple_tag
def link(name: str) -> str:
    key = (get_script_prefix(), get_urlconf(), name)
    found = _known.get(key)
    if found is None:
        found = _known[key] = reverse(name)
    return found

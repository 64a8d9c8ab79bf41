from django import template

register = template.Library()


@register.filter
def duration_words(seconds: float | None) -> str:
    """A median duration in words: "—" when none, "40 min", "3.5 h", "2.1 days"."""
    if seconds is None:
        return "—"
    if seconds < 3600:
        return f"{max(round(seconds / 60), 1)} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"

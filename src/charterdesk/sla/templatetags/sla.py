from django import template

register = template.Library()


@register.filter
def span(seconds: float | None) -> str:
    """Seconds as '2 h 05 min' (negative: overdue)."""
    if seconds is None:
        return "—"
    minutes = int(abs(seconds) // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [f"{days} d"] if days else []
    if hours or days:
        parts.append(f"{hours} h")
    parts.append(f"{minutes:02d} min" if (hours or days) else f"{minutes} min")
    return " ".join(parts)


@register.filter
def left(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{span(seconds)} overdue" if seconds < 0 else f"{span(seconds)} left"

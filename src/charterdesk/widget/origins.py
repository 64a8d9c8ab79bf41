"""Allowed origins: the sites that may embed the widget of one key. An origin is written
exactly as a browser sends it in `Origin`: scheme://host[:port], no path, no trailing
slash, no wildcard. The same list feeds the session exchange's check, the iframe's
`Content-Security-Policy: frame-ancestors` and the CORS headers."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.http import HttpResponse

MAX_ORIGINS = 20


def origin_normalized(text: str) -> str:
    """The origin as it is kept and compared ('' when it is not one)."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        return ""
    if "*" in text:
        return ""
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def checked_origins(values: list[str]) -> list[str]:
    """The origins, normalized; ValidationError naming every one that is not an origin."""
    if not values:
        raise ValidationError("Name at least one origin, such as https://app.vendor.example.")
    if len(values) > MAX_ORIGINS:
        raise ValidationError(f"Name at most {MAX_ORIGINS} origins.")
    errors, origins = [], []
    for value in values:
        origin = origin_normalized(value)
        if not origin:
            errors.append(
                f"“{value}” is not an origin: write scheme://host[:port] with no path, "
                "such as https://app.vendor.example."
            )
        elif origin not in origins:
            origins.append(origin)
    if errors:
        raise ValidationError(errors)
    return origins


def origin_allowed(origin: str | None, allowed: list[str]) -> bool:
    return bool(origin) and origin_normalized(origin or "") in allowed


def frame_from(response: HttpResponse, allowed: list[str]) -> HttpResponse:
    """Let these origins (and no one else) frame this page: frame-ancestors instead of the
    site-wide X-Frame-Options DENY, which would forbid every one."""
    ancestors = " ".join(allowed) if allowed else "'none'"
    response["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
    response.xframe_options_exempt = True  # type: ignore[attr-defined]
    return response


def cors_for(response: HttpResponse, origin: str | None, allowed: list[str]) -> HttpResponse:
    """CORS headers for an allowed origin only; nothing for any other."""
    response["Vary"] = "Origin"
    if origin and origin_allowed(origin, allowed):
        response["Access-Control-Allow-Origin"] = origin_normalized(origin)
        response["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Max-Age"] = "600"
    return response

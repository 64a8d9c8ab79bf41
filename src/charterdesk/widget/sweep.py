"""The widget's clean-up: token ids past their token's expiry (a replay of an expired
token is refused by its exp anyway), and ended sessions."""

from datetime import datetime

from .models import UsedToken, WidgetSession


def widget_sweep(now: datetime) -> dict[str, int]:
    """Delete what has expired (indexed on expires_at); the caller owns the transaction."""
    tokens, _ = UsedToken.objects.filter(expires_at__lt=now).delete()
    sessions, _ = WidgetSession.objects.filter(expires_at__lt=now).delete()
    return {"tokens": tokens, "sessions": sessions}

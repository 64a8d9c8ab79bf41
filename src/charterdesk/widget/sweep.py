"""The widget's clean-up: token ids past their token's expiry (a replay of an expired
token is refused by its exp anyway), ended sessions, visitors' requests never confirmed,
and visitors' upload counts of past hours."""

from datetime import datetime

from .models import PendingRequest, UsedToken, WidgetSession
from .upload_limits import upload_counts_prune


def widget_sweep(now: datetime) -> dict[str, int]:
    """Delete what has expired (indexed on expires_at); the caller owns the transaction."""
    tokens, _ = UsedToken.objects.filter(expires_at__lt=now).delete()
    sessions, _ = WidgetSession.objects.filter(expires_at__lt=now).delete()
    pending, _ = PendingRequest.objects.filter(expires_at__lt=now, ticket__isnull=True).delete()
    uploads = upload_counts_prune(now)
    return {"tokens": tokens, "sessions": sessions, "pending": pending, "upload_counts": uploads}

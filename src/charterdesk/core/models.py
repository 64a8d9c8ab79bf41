from django.conf import settings
from django.db import models


class ScheduledJob(models.Model):
    """The next due time of a periodic job. Schedulers claim a run with a conditional
    UPDATE, so several scheduler processes never enqueue the same run twice."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class IdempotencyKey(models.Model):
    """An API write done with an `Idempotency-Key` header (core.idempotency): stored in the
    write's own transaction, so it exists exactly when the write committed; the answer is
    added once it is sent. Kept 24 hours, then pruned by a periodic job."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # sha256 of method, path and body
    created_at = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # None: no answer kept
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="core_idempotency_key_per_user")
        ]

    def __str__(self) -> str:
        return self.key

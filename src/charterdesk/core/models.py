from django.conf import settings
from django.db import models
from django.utils import timezone


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


class AuditAction(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"


class AuditEntry(models.Model):
    """One change of a setting (core.audit): who, when, what, and each field before and
    after. Written in the transaction of the change, so it exists exactly when the change
    committed. `actor_email` keeps the name when the account is deleted later."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=8, choices=AuditAction.choices)
    kind = models.CharField(max_length=100, help_text="The model's label, e.g. plans.plan.")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    # {field: [before, after]} in words; a list of contacts as {"added": [...], "removed": [...]}.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["kind", "-id"], name="audit_by_kind"),
            models.Index(fields=["actor", "-id"], name="audit_by_actor"),
            models.Index(fields=["at"], name="audit_by_time"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.object_repr}"


class ConfigGeneration(models.Model):
    """One row: a number that changes, in the writer's transaction, with every write to a
    table whose contents processes keep in memory (core.config_cache). Random rather than
    counted, so a rolled-back change never brings back a number that named other contents."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)

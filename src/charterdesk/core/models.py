from django.db import models


class ScheduledJob(models.Model):
    """The next due time of a periodic job. Schedulers claim a run with a conditional
    UPDATE, so several scheduler processes never enqueue the same run twice."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

from django.conf import settings
from django.db import models

from charterdesk.core.vocabulary import RequestType


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="teams")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tier(models.IntegerChoices):
    ONE = 1, "Tier 1"
    TWO = 2, "Tier 2"
    THREE = 3, "Tier 3 (engineering)"


class Queue(models.Model):
    """Where tickets wait. Intake picks the first queue (by position) that takes the
    ticket's request type, else the default queue."""

    name = models.CharField(max_length=100, unique=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="queues")
    tier = models.PositiveSmallIntegerField(choices=Tier.choices, default=Tier.ONE)
    request_types = models.JSONField(
        default=list, blank=True, help_text=f"Any of {', '.join(RequestType.values)}."
    )
    language = models.CharField(max_length=8, blank=True)
    region = models.CharField(max_length=32, blank=True)
    product = models.CharField(max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

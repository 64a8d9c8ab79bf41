from django.conf import settings
from django.db import models
from django.utils import timezone


class Rating(models.IntegerChoices):
    VERY_BAD = 1, "Very unhappy"
    BAD = 2, "Unhappy"
    NEUTRAL = 3, "Neutral"
    GOOD = 4, "Happy"
    VERY_GOOD = 5, "Very happy"


SATISFIED = (Rating.GOOD, Rating.VERY_GOOD)  # CSAT counts these


class Survey(models.Model):
    """The satisfaction survey of one solved ticket: one per ticket, one answer, which the
    requester may change until `changeable_until`.

    Agent, team, queue and plan are copied from the ticket when the survey is sent, so the
    results stay true when the ticket moves later and aggregate without joins."""

    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.CASCADE, related_name="survey")
    contact = models.ForeignKey(
        "customers.Contact", on_delete=models.CASCADE, related_name="surveys"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    team = models.ForeignKey(
        "routing.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queue = models.ForeignKey(
        "routing.Queue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contract = models.ForeignKey(
        "plans.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    mailed = models.BooleanField(
        default=False, help_text="False when the requester's address bounces: portal only."
    )
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    comment = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, help_text="First answer.")
    changed_at = models.DateTimeField(null=True, blank=True, help_text="Latest change.")
    open_until = models.DateTimeField(
        help_text="Answers (first or changed) are taken until then: survey_change_days after "
        "sending, and after the first answer survey_change_days after that answer."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="survey_rating_1_to_5",
            )
        ]
        indexes = [
            models.Index(fields=["answered_at"], name="survey_by_answer"),
            models.Index(fields=["contract", "answered_at"], name="survey_by_contract"),
        ]

    def __str__(self) -> str:
        return f"Survey of #{self.ticket_id}: {self.rating or '—'}"

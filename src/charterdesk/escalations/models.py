from django.conf import settings
from django.db import models
from django.utils import timezone


class EscalationKind(models.TextChoices):
    FUNCTIONAL = "functional", "Functional (up a tier)"
    HIERARCHICAL = "hierarchical", "Hierarchical (up the management line)"
    DE_ESCALATION = "de_escalation", "De-escalation (down a tier)"


class Source(models.TextChoices):
    AGENT = "agent", "An agent"
    CUSTOMER = "customer", "The customer's request"
    SLA = "sla", "An SLA warning or breach"


class Escalation(models.Model):
    """One escalation of a ticket: up a tier (the ticket moves to a queue of the next tier,
    or, from a swarm queue, collaborators of the next tier join), down a tier, or up the
    management line (the ticket gets an escalation owner)."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="escalations"
    )
    kind = models.CharField(max_length=16, choices=EscalationKind.choices)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.AGENT)
    from_queue = models.ForeignKey(
        "routing.Queue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_queue = models.ForeignKey(
        "routing.Queue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_tier = models.PositiveSmallIntegerField(null=True, blank=True)
    to_tier = models.PositiveSmallIntegerField(null=True, blank=True)
    from_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Functional: the assignee before; hierarchical: the escalation owner before.",
    )
    to_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalations_owned",
        help_text="Functional: the new assignee; hierarchical: the new escalation owner.",
    )
    handed_off = models.BooleanField(
        default=False, help_text="The ticket changed queue (a swarm queue adds people instead)."
    )
    reason = models.CharField(max_length=500)
    note = models.TextField(blank=True, help_text="Hand-off note for the next tier (internal).")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalations_made",
    )
    request = models.ForeignKey(
        "EscalationRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalations",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "kind", "created_at"], name="escalation_by_ticket"),
            models.Index(fields=["kind", "created_at"], name="escalation_by_kind"),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.kind}"


class RequestState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ANSWERED = "answered", "Answered"


OPEN_REQUEST_STATES = (RequestState.REQUESTED, RequestState.ACKNOWLEDGED)


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class EscalationRequest(models.Model):
    """A customer asks to escalate a ticket, with a reason. Acknowledged at once, then
    answered by an agent or manager: accepted (a hierarchical escalation) or declined with
    an answer."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="escalation_requests"
    )
    organization = models.ForeignKey(
        "customers.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="escalation_requests",
        help_text="Copied from the ticket: the plan's monthly limit counts per organization.",
    )
    requested_by = models.ForeignKey(
        "customers.Contact", on_delete=models.PROTECT, related_name="escalation_requests"
    )
    reason = models.CharField(max_length=1000)
    state = models.CharField(
        max_length=16, choices=RequestState.choices, default=RequestState.REQUESTED
    )
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    answer = models.CharField(max_length=1000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalation_requests_answered",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the management line was reminded to answer."
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="esc_request_by_ticket"),
            models.Index(fields=["organization", "created_at"], name="esc_request_by_org"),
            models.Index(
                fields=["created_at", "id"],
                name="esc_request_open",
                condition=models.Q(state__in=["requested", "acknowledged"]),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} request by {self.requested_by}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_REQUEST_STATES

"""An incident, its updates, its timeline, its audience and its linked tickets; and
scheduled maintenance."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from charterdesk.core.checked import choices_check

from ..choices import (
    OPEN_STATUSES,
    AudienceReason,
    EventKind,
    Impact,
    IncidentRole,
    IncidentStatus,
    MaintenanceStatus,
    Qualification,
    Source,
)
from .catalog import Service, SeverityPolicy


class Incident(models.Model):
    """An outage or degradation of one or more services.

    Opened *suspected* (by hand, by API, by a monitor or a spike of tickets), then
    confirmed or dismissed. A confirmed incident moves investigating -> identified ->
    monitoring -> resolved, and to postmortem once its post-mortem is sent. Every change
    is a line of its timeline (`events`)."""

    title = models.CharField(max_length=200)
    qualification = models.CharField(
        max_length=16, choices=Qualification.choices, default=Qualification.SUSPECTED
    )
    status = models.CharField(
        max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.INVESTIGATING
    )
    impact = models.CharField(max_length=16, choices=Impact.choices, default=Impact.MINOR)
    severity = models.ForeignKey(
        SeverityPolicy, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    services = models.ManyToManyField(Service, related_name="incidents")
    regions = models.JSONField(
        default=list, blank=True, help_text="Affected regions; empty: every region."
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    dedup_key = models.CharField(
        max_length=200, blank=True, help_text="Monitors and detectors: one open incident per key."
    )
    is_public = models.BooleanField(
        default=False, help_text="Shown on the public status page (not only to the affected)."
    )
    alert_customers = models.BooleanField(
        null=True, blank=True, help_text="Decided on qualification (the severity's default)."
    )
    nature = models.TextField(blank=True, help_text="What customers are told the issue is.")
    internal_notes = models.TextField(blank=True)
    expected_resolution_at = models.DateTimeField(null=True, blank=True)
    article_url = models.URLField(blank=True)
    next_update_due = models.DateTimeField(null=True, blank=True)
    update_reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="The communications lead was reminded of the due update."
    )
    update_missed_at = models.DateTimeField(
        null=True, blank=True, help_text="The commander was told the due update was missed."
    )
    missed_updates = models.PositiveIntegerField(default=0)
    data_lost = models.BooleanField(null=True, blank=True, help_text="Said on resolution.")
    resolution_summary = models.TextField(blank=True)
    started_at = models.DateTimeField(default=timezone.now, help_text="When the trouble began.")
    detected_at = models.DateTimeField(default=timezone.now)
    qualified_at = models.DateTimeField(null=True, blank=True)
    first_alert_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    audience_computed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            choices_check("qualification", Qualification, "incident_qualification_valid"),
            choices_check("status", IncidentStatus, "incident_status_valid"),
            choices_check("impact", Impact, "incident_impact_valid"),
        ]
        indexes = [
            models.Index(fields=["-started_at", "-id"], name="incident_recent"),
            # The sweep's index: open incidents with an update promised.
            models.Index(
                fields=["next_update_due"],
                name="incident_update_due",
                condition=models.Q(
                    next_update_due__isnull=False,
                    qualification="confirmed",
                    status__in=[s.value for s in OPEN_STATUSES],
                ),
            ),
            models.Index(fields=["dedup_key"], name="incident_dedup"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.qualification != Qualification.DISMISSED and self.status in OPEN_STATUSES


class IncidentRoleHolder(models.Model):
    """Who holds a role on this incident: a person or a team (from RoleAssignment)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=16, choices=IncidentRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        "routing.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "role"], name="incident_role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user or self.team}"


class IncidentUpdate(models.Model):
    """A message about an incident, with the status it set and the next update promised.
    Public updates go to the audience and the status page; others stay on the desk."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=16, choices=IncidentStatus.choices)
    message = models.TextField()
    is_public = models.BooleanField(default=True)
    next_update_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified = models.PositiveIntegerField(default=0, help_text="Mails queued for it.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["incident", "-created_at"], name="incident_update_recent")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.status}: {self.message[:40]}"


class TimelineEvent(models.Model):
    """One line of an incident's timeline; the post-mortem's timeline is built from them."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=1000, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["incident", "at"], name="incident_event_at")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class AudienceOrganization(models.Model):
    """An organization an incident affects (through a deployment), stored with it."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="audience_organizations"
    )
    organization = models.ForeignKey(
        "customers.Organization", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "organization"], name="audience_organization_unique"
            )
        ]
        indexes = [models.Index(fields=["organization"], name="audience_by_organization")]

    def __str__(self) -> str:
        return f"{self.incident_id} affects {self.organization_id}"


class AudienceContact(models.Model):
    """A contact who hears about an incident, and why; the address is kept as it was."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="audience_contacts"
    )
    contact = models.ForeignKey("customers.Contact", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "customers.Organization", on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField()
    reason = models.CharField(max_length=16, choices=AudienceReason.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "contact"], name="audience_contact_unique")
        ]
        # Status-page subscribers who are in the audience get its notice only.
        indexes = [models.Index("incident", Lower("email"), name="audience_by_address")]

    def __str__(self) -> str:
        return f"{self.incident_id} -> {self.email}"


class IncidentTicket(models.Model):
    """A ticket linked to an incident, by hand or automatically at intake."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="ticket_links")
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="incident_links"
    )
    automatic = models.BooleanField(default=False)
    keep_open = models.BooleanField(
        default=False, help_text="Left open on resolution: the customer still has a problem."
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-linked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "ticket"], name="incident_ticket_unique")
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} <-> #{self.ticket_id}"


class Maintenance(models.Model):
    """Scheduled maintenance: scheduled -> in_progress -> verifying -> completed, in a
    window announced ahead to the customers of its services."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    services = models.ManyToManyField(Service, related_name="maintenances")
    regions = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=16, choices=MaintenanceStatus.choices, default=MaintenanceStatus.SCHEDULED
    )
    is_public = models.BooleanField(default=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Raised at every reschedule or cancellation: the iCalendar SEQUENCE, so calendars update.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            choices_check("status", MaintenanceStatus, "maintenance_status_valid"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="maintenance_window_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

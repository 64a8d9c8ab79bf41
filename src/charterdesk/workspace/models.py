from django.conf import settings
from django.db import models
from django.utils import timezone


class MacroVisibility(models.TextChoices):
    PERSONAL = "personal", "Personal (only me)"
    TEAM = "team", "Team"
    SHARED = "shared", "Shared (every agent)"


class Macro(models.Model):
    """A prepared answer: a public reply with placeholders, changes to the ticket's fields
    and an optional internal note, applied in one click (see workspace.macros)."""

    title = models.CharField(max_length=100)
    body = models.TextField(blank=True, help_text="The public reply; placeholders allowed.")
    note = models.TextField(blank=True, help_text="An internal note; placeholders allowed.")
    changes = models.JSONField(
        default=dict,
        blank=True,
        help_text="Field changes: status, priority, request_type, queue (id), assignee "
        "(id, 'me' or null), add_tags, remove_tags, fields ({key: value}).",
    )
    visibility = models.CharField(
        max_length=16, choices=MacroVisibility.choices, default=MacroVisibility.PERSONAL
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="macros"
    )
    team = models.ForeignKey(
        "routing.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="macros"
    )
    usage_count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["visibility", "title"], name="macro_by_visibility")]

    def __str__(self) -> str:
        return self.title


class SavedView(models.Model):
    """Saved queue filters with a name: personal, or shared with every agent. The filters
    are the queue's, by id: status, queue, type, priority, organization, requester, assignee (an id
    or `none`), tag (see workspace.filters)."""

    name = models.CharField(max_length=80)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    shared = models.BooleanField(default=False, help_text="Every agent sees it.")
    filters = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "name", "id"]

    def __str__(self) -> str:
        return self.name


class BulkAction(models.Model):
    """One bulk change of many tickets by an agent, kept so that it can be undone: what
    each ticket's fields were before, and whether each ticket was changed."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bulk_actions"
    )
    description = models.CharField(max_length=500)
    changes = models.JSONField(default=dict, blank=True)
    macro = models.ForeignKey(Macro, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["actor", "-created_at"], name="bulk_by_actor")]

    def __str__(self) -> str:
        return self.description


class BulkItem(models.Model):
    bulk = models.ForeignKey(BulkAction, on_delete=models.CASCADE, related_name="items")
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    before = models.JSONField(default=dict)
    changed = models.JSONField(default=list, help_text="The fields this action changed.")
    error = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.bulk_id} #{self.ticket_id}"


class LinkKind(models.TextChoices):
    RELATED = "related", "Related to"
    DUPLICATE_OF = "duplicate_of", "Duplicate of"
    INCIDENT_OF = "incident_of", "Incident of problem"


class TicketLink(models.Model):
    """A link between two tickets of one organization, read from `source` to `target`:
    related, a duplicate of the target, or an incident of the problem ticket `target`.
    Links are for agents only; customers never see them."""

    source = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="one_link_per_ticket_pair"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.source_id} {self.kind} #{self.target_id}"


class TicketPresence(models.Model):
    """An agent on a ticket's page now: refreshed by the page every few seconds (a
    heartbeat), with whether they are writing a reply. Rows older than
    workspace.presence.EXPIRES_AFTER mean nothing and are cleared by the heartbeats.
    Kept in the database so every web process sees every agent."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="presences", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ticket_presences"
    )
    typing = models.BooleanField(default=False, help_text="Writing in the reply box.")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ticket", "user"], name="one_presence_per_agent"),
        ]
        indexes = [models.Index(fields=["seen_at"], name="presence_by_seen")]

    def __str__(self) -> str:
        return f"{self.user_id} on #{self.ticket_id}"


class TrendMeasure(models.TextChoices):
    CREATED = "created", "Created"
    FIRST_REPLY = "first_reply", "First reply"
    SOLVED = "solved", "Solved"


class DailyTrend(models.Model):
    """The dashboard's daily rollup (workspace.dashboard.rollup): tickets per closed
    calendar day (in the desk's zone) × queue × measure × duration bucket (an index into
    dashboard.sql.DURATION_EDGES; -1 for `created`, which has no duration)."""

    day = models.DateField()
    queue = models.ForeignKey("routing.Queue", on_delete=models.CASCADE, related_name="+")
    measure = models.CharField(max_length=16, choices=TrendMeasure.choices)
    bucket = models.SmallIntegerField()
    tickets = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "queue", "measure", "bucket"], name="daily_trend_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} queue {self.queue_id} {self.measure}[{self.bucket}]: {self.tickets}"


class TrendDay(models.Model):
    """A calendar day whose rollup rows are complete, in the zone it was counted in;
    `until` is the day's end (UTC), below which ticket changes leave a TrendMark."""

    day = models.DateField()
    zone = models.CharField(max_length=64)
    until = models.DateTimeField(db_index=True)
    rolled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "zone"], name="trend_day_once")]

    def __str__(self) -> str:
        return f"{self.day} ({self.zone})"


class TrendMark(models.Model):
    """A moment (a ticket's creation, first reply or solution, before or after a change)
    that falls on an already rolled-up day: written by database triggers on tickets_ticket,
    so that day is read live until the sweep counts it again."""

    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"changed {self.at:%Y-%m-%d %H:%M}"

"""Playbooks (versioned guides per situation), their runs on organizations with tasks,
account reviews and the account settings of customer success."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class Situation(models.TextChoices):
    ONBOARDING = "onboarding", "Onboarding"
    REGULAR_REVIEW = "regular_review", "Regular review"
    RENEWAL = "renewal", "Renewal"
    OBJECTION = "objection", "Objection handling"
    ESCALATION_RECOVERY = "escalation_recovery", "Escalation recovery"
    OUTAGE_FOLLOW_UP = "outage_follow_up", "Outage follow-up"
    OTHER = "other", "Other"


class OwnerRole(models.TextChoices):
    RELATIONSHIP_MANAGER = "relationship_manager", "Relationship manager"
    SUPPORT_MANAGER = "support_manager", "Support manager"
    ASSIGNED_AGENT = "assigned_agent", "Assigned agent"
    NAMED_PERSON = "named_person", "A named person"


class VersionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


class Playbook(models.Model):
    """A customer-success guide for one situation. What it says lives in its versions:
    `live_version` is what runs start from; a draft is edited until it is published."""

    situation = models.CharField(max_length=24, choices=Situation.choices)
    default_for_onboarding = models.BooleanField(
        default=False,
        help_text="Runs on an organization by itself when one of its contracts starts.",
    )
    live_version = models.OneToOneField(
        "PlaybookVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Archived playbooks are kept (runs keep them) but no longer run.",
    )

    class Meta:
        ordering = ["situation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["default_for_onboarding"],
                condition=models.Q(default_for_onboarding=True),
                name="one_default_onboarding_playbook",
            )
        ]

    def __str__(self) -> str:
        return f"Playbook {self.pk}"


class PlaybookVersion(models.Model):
    """What a playbook says at one version: title, summary, the call script (Markdown),
    its steps and mail templates. Published versions never change; runs keep theirs."""

    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(
        max_length=12, choices=VersionState.choices, default=VersionState.DRAFT
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    script = models.TextField(blank=True, help_text="Sample dialogue for a call (Markdown).")
    change_note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["playbook", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["playbook", "number"], name="playbook_version_number"),
            models.UniqueConstraint(
                fields=["playbook"],
                condition=models.Q(state="draft"),
                name="one_draft_per_playbook",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class PlaybookStep(models.Model):
    version = models.ForeignKey(PlaybookVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner_role = models.CharField(max_length=24, choices=OwnerRole.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The named person (owner role 'a named person').",
    )
    due_days = models.PositiveSmallIntegerField(
        default=0, help_text="Due this many business days after the run starts."
    )

    class Meta:
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.title


class MailTemplate(models.Model):
    """A mail to the organization's contacts; `{placeholders}` from a fixed list."""

    version = models.ForeignKey(PlaybookVersion, on_delete=models.CASCADE, related_name="templates")
    name = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        ordering = ["version", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Lesson(models.Model):
    """One entry of a playbook's "What I wish I had known" list."""

    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="lessons")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:50]


class RunState(models.TextChoices):
    RUNNING = "running", "In progress"
    COMPLETED = "completed", "Completed"


class PlaybookRun(models.Model):
    """A playbook version run on an organization: its tasks, with due dates and owners."""

    version = models.ForeignKey(PlaybookVersion, on_delete=models.PROTECT, related_name="runs")
    organization = models.ForeignKey(
        "customers.Organization", on_delete=models.CASCADE, related_name="playbook_runs"
    )
    state = models.CharField(max_length=12, choices=RunState.choices, default=RunState.RUNNING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["organization", "state"], name="run_by_organization")]

    def __str__(self) -> str:
        return f"{self.version} on {self.organization_id}"


class TaskState(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class RunTask(models.Model):
    run = models.ForeignKey(PlaybookRun, on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(PlaybookStep, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField()
    state = models.CharField(max_length=8, choices=TaskState.choices, default=TaskState.OPEN)
    note = models.TextField(blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        indexes = [
            # The sweep: open tasks by due time.
            models.Index(
                fields=["due_at"], name="run_task_open_due", condition=models.Q(state="open")
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.state == TaskState.OPEN and self.due_at < (now or timezone.now())


class TaskMail(models.Model):
    """A mail template sent from a task: to whom and when (the mail is in the outbox)."""

    task = models.ForeignKey(RunTask, on_delete=models.CASCADE, related_name="mails")
    template = models.ForeignKey(MailTemplate, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=500)
    recipients = models.JSONField(default=list)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return self.subject


class AccountPlan(models.Model):
    """Customer-success settings of one organization: how often it is reviewed."""

    organization = models.OneToOneField(
        "customers.Organization", on_delete=models.CASCADE, related_name="account_plan"
    )
    review_every_months = models.PositiveSmallIntegerField(
        default=3, help_text="Months between account reviews."
    )

    def __str__(self) -> str:
        return f"Account plan of {self.organization_id}"


class ReviewState(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"


class AccountReview(models.Model):
    organization = models.ForeignKey(
        "customers.Organization", on_delete=models.CASCADE, related_name="account_reviews"
    )
    scheduled_for = models.DateField()
    state = models.CharField(
        max_length=12, choices=ReviewState.choices, default=ReviewState.SCHEDULED
    )
    agenda = models.TextField(blank=True, help_text="Markdown; prepared from the account.")
    notes = models.TextField(blank=True)
    action_items = models.TextField(blank=True, help_text="One per line.")
    held_at = models.DateTimeField(null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the account owner was reminded of it."
    )

    class Meta:
        ordering = ["scheduled_for", "id"]
        indexes = [
            models.Index(fields=["organization", "state", "scheduled_for"], name="review_due"),
            # The reminder sweep: scheduled reviews not reminded yet, by day.
            models.Index(
                fields=["scheduled_for"],
                name="review_to_remind",
                condition=models.Q(state="scheduled", reminded_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.organization_id} on {self.scheduled_for}"


class Onboarding(models.Model):
    """A contract whose onboarding playbook has run (one row per contract: never twice)."""

    contract = models.OneToOneField(
        "plans.Contract", on_delete=models.CASCADE, related_name="onboarding"
    )
    run = models.ForeignKey(PlaybookRun, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Onboarding of contract {self.contract_id}"

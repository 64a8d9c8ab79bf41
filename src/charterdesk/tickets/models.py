import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from charterdesk.core.checked import CheckedModel, choices_check
from charterdesk.core.vocabulary import (
    DECISION_WORDS,
    Alternative,
    Channel,
    Decision,
    Priority,
    RequestType,
)

from .category_models import Category, CategorySource, RootCause  # noqa: F401 - the app's models


class Status(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    PENDING = "pending", "Waiting on customer"
    ON_HOLD = "on_hold", "On hold (third party)"
    SOLVED = "solved", "Solved"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD)


class TypeSource(models.TextChoices):
    CUSTOMER = "customer", "Chosen by the customer"
    AGENT = "agent", "Set by an agent"
    AUTO = "auto", "Guessed from the text"


class Ticket(models.Model):
    # The indexes of foreign keys that lead a composite index in Meta are left out (its
    # prefix serves every look-up), and those of mostly-empty ones are partial: each index
    # is a page more in every creation's commit (bench/wal_pages.py).
    organization = models.ForeignKey(
        "customers.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,  # ticket_org_recent
    )
    requester = models.ForeignKey(
        "customers.Contact",
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,  # ticket_requester_recent
    )
    subject = models.CharField(max_length=250)
    request_type = models.CharField(max_length=16, choices=RequestType.choices)
    type_source = models.CharField(max_length=16, choices=TypeSource.choices)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.PORTAL)
    product = models.CharField(
        max_length=100, blank=True, help_text="The product's name, as the API and routing know it."
    )
    product_ref = models.ForeignKey(
        "products.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        help_text="The catalogue entry of `product` (kept in step with it).",
        db_index=False,  # ticket_by_product, partial
    )
    product_version = models.ForeignKey(
        "products.ProductVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,  # ticket_by_product_version, partial
    )
    language = models.CharField(max_length=8, blank=True)
    queue = models.ForeignKey("routing.Queue", on_delete=models.PROTECT, related_name="tickets")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    contract = models.ForeignKey(
        "plans.Contract",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,  # ticket_by_contract_month
    )
    coverage = models.CharField(max_length=16, choices=Decision.choices)
    coverage_reason = models.CharField(max_length=500)
    coverage_alternative = models.CharField(
        max_length=24, choices=Alternative.choices, blank=True, default=Alternative.NONE
    )
    plan_version = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The version of the contract's plan whose terms decided the coverage.",
    )
    first_reply_due_at = models.DateTimeField(
        null=True, blank=True, help_text="When the plan promises the first reply."
    )
    attention_at = models.DateTimeField(
        help_text="When the ticket next needs attention: its nearest promised deadline, "
        "or for tickets without a target the house target by priority. The queue orders by it."
    )
    in_queue = models.GeneratedField(
        expression=models.Q(status__in=OPEN_STATUSES),  # type: ignore[arg-type]  # Django takes Q
        output_field=models.BooleanField(),
        db_persist=True,
        help_text="Open, so in the agents' queue (computed by the database from status).",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    first_replied_at = models.DateTimeField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    anonymized_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When its personal data (texts, files, addresses) was removed for good.",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_tickets",
        help_text="The ticket this duplicate was merged into: mail to it lands there.",
        db_index=False,  # ticket_unmerged_by_created
    )
    is_problem = models.BooleanField(
        default=False,
        db_default=False,  # bulk loaders (the demo's seed) insert rows without it
        help_text="A problem ticket: incident tickets link to it and are solved with it.",
    )
    # Set only through `ticket_categorize`, which writes the history line.
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,  # ticket_by_category
    )
    category_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person who set the category (none for a rule, the model or an import).",
        db_index=False,  # ticket_category_set_by, partial
    )
    category_source = models.CharField(
        max_length=8, choices=CategorySource.choices, blank=True, default="", db_default=""
    )
    category_confidence = models.FloatField(
        null=True, blank=True, help_text="The triage model's confidence when it set it."
    )
    # Set through `ticket_record_cause` (history); asked when solving (ROOT_CAUSE_REQUIRED).
    root_cause = models.CharField(
        max_length=24, choices=RootCause.choices, blank=True, default="", db_default=""
    )

    class Meta:
        ordering = ["-id"]
        indexes = [
            # The agents' queue: open tickets in urgency order, alone or by one filter.
            # Partial on `in_queue`, a predicate without parameters, so SQLite uses them too.
            models.Index(
                fields=["attention_at", "id"],
                name="ticket_queue_order",
                condition=models.Q(in_queue=True),
            ),
            *(
                models.Index(
                    fields=[field, "attention_at", "id"],
                    name=f"ticket_queue_by_{short}",
                    condition=models.Q(in_queue=True),
                )
                for field, short in (
                    ("queue", "queue"),
                    ("organization", "org"),
                    ("assignee", "assignee"),
                    ("request_type", "type"),
                )
            ),
            models.Index(fields=["status", "attention_at", "id"], name="ticket_status_urgency"),
            models.Index(fields=["organization", "id"], name="ticket_org_recent"),
            models.Index(fields=["requester", "id"], name="ticket_requester_recent"),
            models.Index(fields=["status", "solved_at"], name="ticket_solved_at"),
            models.Index(fields=["contract", "created_at"], name="ticket_by_contract_month"),
            models.Index(fields=["category", "created_at"], name="ticket_by_category"),
            # The spike job's window (tickets created in the last hour, duplicates merged
            # into another left out): without it SQLite reads the merged_into index, which
            # holds every unmerged ticket (bench/ticket_created_plans.py).
            models.Index(fields=["merged_into", "created_at"], name="ticket_unmerged_by_created"),
            # Mostly empty foreign keys: only the rows that have one (`= x` and `IN (...)`,
            # as deletions look them up, imply IS NOT NULL, so both databases use these).
            *(
                models.Index(
                    fields=[field], name=name, condition=models.Q(**{f"{field}__isnull": False})
                )
                for field, name in (
                    ("product_ref", "ticket_by_product"),
                    ("product_version", "ticket_by_product_version"),
                    ("category_set_by", "ticket_category_set_by"),
                )
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def coverage_word(self) -> str:
        """The coverage decision in one word ("Metered"); the full label is its title."""
        return DECISION_WORDS.get(self.coverage, self.get_coverage_display())  # type: ignore[call-overload]


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public reply"
    INTERNAL = "internal", "Internal note"


class Message(models.Model):
    # As the ticket's: the ticket's key leads message_by_ticket; a message has an author
    # or an author contact, mostly not both, so their indexes are partial.
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        db_index=False,
    )
    author_contact = models.ForeignKey(
        "customers.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        db_index=False,
    )
    from_staff = models.BooleanField(default=False)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.PORTAL)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="message_by_ticket"),
            models.Index(
                fields=["author"],
                name="message_by_author",
                condition=models.Q(author__isnull=False),
            ),
            models.Index(
                fields=["author_contact"],
                name="message_by_author_contact",
                condition=models.Q(author_contact__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visibility} on #{self.ticket_id}"

    @property
    def author_name(self) -> str:
        if self.author is not None:
            return str(self.author)
        return str(self.author_contact) if self.author_contact else "Unknown sender"


class EventKind(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    REPLIED = "replied", "Public reply"
    NOTED = "noted", "Internal note"
    COVERAGE = "coverage", "Coverage decided"
    ROUTED = "routed", "Routed"
    ASSIGNED = "assigned", "Assigned automatically"
    ESCALATED = "escalated", "Escalated"
    DE_ESCALATED = "de_escalated", "De-escalated"
    ESCALATION_REQUESTED = "escalation_requested", "Escalation requested"
    COLLABORATOR = "collaborator", "Collaborators"
    TIME = "time", "Time logged"
    ESTIMATE = "estimate", "Estimate"
    COMMITMENT = "commitment", "Commitment"
    SURVEY = "survey", "Satisfaction"
    MAIL = "mail", "Mail"
    ANONYMIZED = "anonymized", "Anonymized"
    MACRO = "macro", "Macro applied"
    BULK = "bulk", "Bulk action"
    DRAFT = "draft", "Draft reply"


class TicketEvent(models.Model):
    """The history of a ticket: who changed what, when, from which value to which."""

    # As the message's: event_by_ticket serves the ticket's key; the system acts unnamed.
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ticket_events",
        db_index=False,
    )
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    field = models.CharField(max_length=32, blank=True)
    old_value = models.CharField(max_length=500, blank=True)
    new_value = models.CharField(max_length=500, blank=True)
    note = models.CharField(max_length=500, blank=True)
    internal = models.BooleanField(
        default=False, help_text="Internal events are never shown to customers."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="event_by_ticket"),
            models.Index(
                fields=["actor"], name="event_by_actor", condition=models.Q(actor__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.kind} {self.field}"


class TicketTag(models.Model):
    """A label agents put on a ticket (`vip`, `billing`): for the queue filters, views,
    search (`tag:vip`), macros and reports. Internal: customers never see tags."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "name"], name="ticket_tag_once"),
        ]
        # The queue filter and `tag:` search: the tickets with one tag.
        indexes = [models.Index(fields=["name", "ticket"], name="ticket_tag_by_name")]

    def __str__(self) -> str:
        return self.name


class FieldKind(models.TextChoices):
    TEXT = "text", "Text"
    NUMBER = "number", "Number"
    DROPDOWN = "dropdown", "Drop-down"
    CHECKBOX = "checkbox", "Checkbox"
    DATE = "date", "Date"


RESERVED_FIELD_KEYS = frozenset(
    {"tags", "fields", "status", "priority", "type", "queue", "assignee"}
)
FIELD_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")
OPTION_LENGTH = 100


class CustomField(CheckedModel):
    """A ticket field an administrator defines (an environment, a version, a drop-down of
    modules): shown on the desk's ticket page, in the portal when visible to customers,
    in the API by its key. Its rules (`clean`) hold in the settings page, the Django
    admin and the configuration import alike."""

    key = models.SlugField(
        max_length=32,
        unique=True,
        help_text="How the API and views name it, e.g. 'environment' (letters, digits, - and _).",
    )
    label = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=FieldKind.choices, default=FieldKind.TEXT)
    options = models.JSONField(
        default=list, blank=True, help_text="The choices of a drop-down, in order."
    )
    required_to_solve = models.BooleanField(
        default=False, help_text="A ticket cannot be solved while this field is empty."
    )
    visible_to_customers = models.BooleanField(
        default=False, help_text="Customers see its value on their request in the portal."
    )
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(
        default=True, help_text="Retired fields keep their values but are no longer shown."
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [choices_check("kind", FieldKind, "custom_field_kind_valid")]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.key = (self.key or "").strip().lower()
        if self.key in RESERVED_FIELD_KEYS:
            errors["key"] = f"“{self.key}” names a ticket property; choose another key."
        elif self.key and not FIELD_KEY.match(self.key):
            errors["key"] = "Start the key with a letter; then letters, digits, - and _."
        problem = self._options_problem()
        if problem:
            errors["options"] = problem
        if self.pk and self.kind != self._saved_kind() and self.values.exists():
            errors["kind"] = (
                "Tickets have values of this field, so its type stays; "
                "deactivate it and add a new field instead."
            )
        if errors:
            raise ValidationError(errors)

    def _options_problem(self) -> str:
        options = self.options
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            return "The choices are a list of words."
        if self.kind != FieldKind.DROPDOWN:
            return "Only a drop-down has choices." if options else ""
        if len(options) < 2:
            return "A drop-down needs at least two choices."
        if any(not o.strip() or len(o) > OPTION_LENGTH for o in options):
            return f"Each choice has 1 to {OPTION_LENGTH} characters."
        if len({o.casefold() for o in options}) < len(options):
            return "Each choice is listed once."
        return ""

    def _saved_kind(self) -> str | None:
        saved = CustomField.objects.filter(pk=self.pk).values_list("kind", flat=True).first()
        return saved if saved is not None else self.kind


class CustomFieldValue(models.Model):
    """One ticket's value of one custom field, stored as text in a canonical form
    (numbers as typed, dates as ISO, checkboxes as `yes`/`no`)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="field_values")
    field = models.ForeignKey(CustomField, on_delete=models.PROTECT, related_name="values")
    value = models.CharField(max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ticket", "field"], name="ticket_field_once"),
        ]
        indexes = [models.Index(fields=["field", "value"], name="field_value_lookup")]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.field_id}={self.value}"


KEPT_MESSAGE = (
    "Tickets, their messages and their history are never deleted: solve or close the ticket."
)


@receiver(pre_delete, sender=Ticket)
@receiver(pre_delete, sender=Message)
@receiver(pre_delete, sender=TicketEvent)
def refuse_deleting_ticket_records(
    sender: type[models.Model], instance: models.Model, **_: Any
) -> None:
    """Every delete through Django (a record's `delete()`, a queryset's, a cascade from a
    deleted organization, user or queue, the admin) sends `pre_delete` before it deletes
    anything; refusing here keeps the whole delete from happening."""
    raise ProtectedError(KEPT_MESSAGE, {instance})


class TicketFollower(models.Model):
    """Someone who follows a ticket (CC) and gets its public replies by mail: an agent
    (`user`) or a contact of the ticket's organization (`contact`), exactly one of them."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followed_tickets",
    )
    contact = models.ForeignKey(
        "customers.Contact",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followed_tickets",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True, contact__isnull=False)
                | models.Q(user__isnull=False, contact__isnull=True),
                name="follower_is_agent_or_contact",
            ),
            models.UniqueConstraint(
                fields=["ticket", "user"],
                name="one_follow_per_agent",
                condition=models.Q(user__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["ticket", "contact"],
                name="one_follow_per_contact",
                condition=models.Q(contact__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} followed by {self.user_id or self.contact_id}"

    @property
    def person(self) -> object:
        return self.user if self.user_id else self.contact

    @property
    def email(self) -> str:
        person = self.user if self.user_id else self.contact
        return person.email if person is not None else ""

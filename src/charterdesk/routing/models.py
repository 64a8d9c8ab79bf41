import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from charterdesk.core.checked import CheckedModel, choices_check
from charterdesk.core.vocabulary import Channel, RequestType, labels_of

from .languages import LANGUAGE_NAMES

MAX_CAPACITY = 500
MAX_SKILLS = 30
# A skill is a word or a few (api, rate-limits, on call); compared without case by routing.
SKILL = re.compile(r"^[^\s,<>\x00-\x1f](?:[^,<>\x00-\x1f]{0,38}[^\s,<>\x00-\x1f])?$")


class Team(CheckedModel):
    name = models.CharField(max_length=100, unique=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="teams")
    hands_over_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="takes_over_from",
        help_text="Follow-the-sun: the team (in another time zone) whose agents take this "
        "team's queues when nobody here is on shift.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(hands_over_to=models.F("id")), name="team_not_its_own_handover"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A team hands over to another team (a ring of teams around the globe is
        follow-the-sun; routing stops where it started), never to itself."""
        if self.pk is not None and self.hands_over_to_id == self.pk:
            raise ValidationError({"hands_over_to": "A team cannot hand over to itself."})


class Tier(models.IntegerChoices):
    ONE = 1, "Tier 1"
    TWO = 2, "Tier 2"
    THREE = 3, "Tier 3 (engineering)"


class WorkMode(models.TextChoices):
    TIERED = "tiered", "Tiered (hand-offs up the tiers)"
    SWARM = "swarm", "Swarm (collaborators join, no hand-offs down)"


class Assignment(models.TextChoices):
    MANUAL = "manual", "Manual"
    ROUND_ROBIN = "round_robin", "Round robin"
    LEAST_LOADED = "least_loaded", "Least loaded"
    SKILLS = "skills", "By skills"


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
    work_mode = models.CharField(max_length=16, choices=WorkMode.choices, default=WorkMode.TIERED)
    assignment = models.CharField(
        max_length=16, choices=Assignment.choices, default=Assignment.MANUAL
    )
    skills = models.JSONField(
        default=list, blank=True, help_text="Skills an agent needs for skills-based assignment."
    )
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Availability(models.TextChoices):
    AVAILABLE = "available", "Available"
    AWAY = "away", "Away"


def skills_validator(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ValidationError("Skills are a list of words.")
    wrong = [s for s in value if not SKILL.match(s)]
    if wrong:
        raise ValidationError(
            f"“{wrong[0]}” is not a skill: at most 40 characters, without commas or < >, "
            "e.g. api or rate-limits."
        )
    if len(value) > MAX_SKILLS:
        raise ValidationError(f"At most {MAX_SKILLS} skills.")
    if len(set(value)) != len(value):
        raise ValidationError("A skill is named twice.")


def languages_validator(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Languages are a list of codes such as en or de.")
    unknown = [code for code in value if code.lower() not in LANGUAGE_NAMES]
    if unknown:
        raise ValidationError(f"Unknown language “{unknown[0]}”: choose from the list.")
    if len(set(value)) != len(value):
        raise ValidationError("A language is named twice.")


class AgentProfile(CheckedModel):
    """How an agent works: skills, languages, working calendar, capacity, availability.
    Checked on every save (core.checked), so the settings pages, the admin and the API
    keep the same rules; the database holds the capacity range and the availability."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_profile"
    )
    skills = models.JSONField(
        default=list,
        blank=True,
        validators=[skills_validator],
        help_text="e.g. ['billing', 'api']",
    )
    languages = models.JSONField(
        default=list,
        blank=True,
        validators=[languages_validator],
        help_text="ISO 639-1 codes from routing.languages, e.g. ['en', 'de']",
    )
    calendar = models.ForeignKey(
        "sla.Calendar",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agents",
        help_text="The agent's own working hours, time zone and holidays.",
    )
    capacity = models.PositiveSmallIntegerField(
        default=25,
        validators=[
            MinValueValidator(0, f"Capacity is a number of open tickets from 0 to {MAX_CAPACITY}."),
            MaxValueValidator(
                MAX_CAPACITY, f"Capacity is a number of open tickets from 0 to {MAX_CAPACITY}."
            ),
        ],
        help_text="Open tickets (weighted by priority) the agent can hold; 0: no new ones.",
    )
    availability = models.CharField(
        max_length=16, choices=Availability.choices, default=Availability.AVAILABLE
    )
    last_assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=0, capacity__lte=MAX_CAPACITY),
                name="agentprofile_capacity_0_to_500",
            ),
            choices_check("availability", Availability, "agentprofile_availability_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_availability_display()})"


class RoutingRule(models.Model):
    """Picks the queue of a new ticket. Rules are tried in order of position; the first
    enabled rule whose every condition holds wins. An empty condition matches anything."""

    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=100, unique=True)
    enabled = models.BooleanField(default=True)
    request_types = models.JSONField(default=list, blank=True)
    products = models.JSONField(default=list, blank=True)
    organizations = models.JSONField(
        default=list, blank=True, help_text="Organization ids (any of them)."
    )
    plans = models.JSONField(default=list, blank=True, help_text="Plan ids (any of them).")
    languages = models.JSONField(default=list, blank=True, help_text="e.g. ['de', 'fr']")
    regions = models.JSONField(default=list, blank=True, help_text="e.g. ['EU']")
    channels = models.JSONField(default=list, blank=True)
    categories = models.JSONField(
        default=list,
        blank=True,
        help_text="Category ids (any of them); each also matches the categories below it.",
    )
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="rules")
    set_category = models.ForeignKey(
        "tickets.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Also set this category on a new ticket that has none (recorded as 'rule').",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def request_type_labels(self) -> list[str]:
        return labels_of(RequestType, self.request_types)

    @property
    def channel_labels(self) -> list[str]:
        return labels_of(Channel, self.channels)

    @property
    def conditions_text(self) -> str:
        """The conditions in one line: "type Downtime or Error; 1 plan", or "any request"."""
        parts = []
        if self.request_types:
            parts.append("type " + " or ".join(self.request_type_labels))
        if self.channels:
            parts.append("channel " + " or ".join(self.channel_labels))
        counted = (
            (self.organizations, "organization"),
            (self.plans, "plan"),
            (self.categories, "category"),
        )
        for ids, noun in counted:
            if ids:
                parts.append(f"{len(ids)} {_plural(noun, len(ids))}")
        named = (("product", self.products), ("language", self.languages), ("region", self.regions))
        parts += [f"{noun} " + " or ".join(values) for noun, values in named if values]
        return "; ".join(parts) or "any request"

    @property
    def action_text(self) -> str:
        """What the rule does besides the queue: "sets category Billing › Refunds"."""
        return f"sets category {self.set_category.path}" if self.set_category else ""


def _plural(noun: str, count: int) -> str:
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


class AgentLoad(models.Model):
    """An agent's open assigned tickets, counted by priority: what the load (weighted by
    priority, see routing.assignment.WEIGHTS) is read from on every assignment decision.

    Kept exact by database triggers on tickets_ticket (routing.load_counter, migration 0005),
    in the same transaction as the ticket change, whatever writes it (services, bulk
    updates, raw SQL). The application never writes it; `charterdesk routing_loads --repair`
    recomputes it from the tickets."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="agent_load",
    )
    urgent = models.IntegerField(default=0)
    high = models.IntegerField(default=0)
    normal = models.IntegerField(default=0)
    low = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.urgent}/{self.high}/{self.normal}/{self.low}"

"""The plans' own kinds (the glossary's shared words are in core.vocabulary)."""

from django.db import models


class Schedule(models.TextChoices):
    ALWAYS = "24x7", "24×7"
    BUSINESS = "business", "Business hours"


class SlaAction(models.TextChoices):
    NOTIFY_ASSIGNEE = "notify_assignee", "Notify the assignee"
    NOTIFY_TEAM_LEAD = "notify_team_lead", "Notify the team lead"
    RAISE_PRIORITY = "raise_priority", "Raise the priority one step"
    ESCALATE_TIER = "escalate_tier", "Escalate to the next tier"


class OveragePolicy(models.TextChoices):
    """What happens when a contract's hours bank is used up."""

    SERVE_AND_BILL = "serve_and_bill", "Keep serving and bill the extra hours"
    NEED_APPROVAL = "need_approval", "Metered work needs the customer's approval"


class Metric(models.TextChoices):
    FIRST_REPLY = "first_reply", "First reply"
    NEXT_REPLY = "next_reply", "Next reply"
    PERIODIC_UPDATE = "periodic_update", "Periodic update"
    RESOLUTION = "resolution", "Resolution"


class PlanStatus(models.TextChoices):
    """A plan is a draft (invisible to customers, not for sale) until it is published."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ClockPolicy(models.TextChoices):
    """What a new plan version does to the running clocks of open tickets on its date."""

    KEEP = "keep", "Keep the clocks of open tickets"
    RECOMPUTE = "recompute", "Recompute the clocks of open tickets"


class IncidentRule(models.TextChoices):
    """What linking a ticket to an incident the customers were told about does to its
    clocks (docs/incidents.md)."""

    PAUSE_FIRST_REPLY = "pause_first_reply", "Pause the first reply"
    KEEP_RUNNING = "keep_running", "Keep the clocks running"

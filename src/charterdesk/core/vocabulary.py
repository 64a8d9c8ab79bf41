"""The glossary's words as choices, shared by every domain (see docs/concepts.md)."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import models


class RequestType(models.TextChoices):
    DOWNTIME = "downtime", "Downtime"
    ERROR = "error", "Error"
    HOW_TO = "how_to", "How-to"
    CONSULTING = "consulting", "Consulting"


# What a customer reads when choosing a request type in the portal.
REQUEST_TYPE_SENTENCES = {
    RequestType.DOWNTIME: "My site is down",
    RequestType.ERROR: "I hit an error",
    RequestType.HOW_TO: "How do I …?",
    RequestType.CONSULTING: "What is the best way to …?",
}


class Priority(models.TextChoices):
    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    NORMAL = "normal", "Normal"
    LOW = "low", "Low"


class Decision(models.TextChoices):
    """A coverage decision for one ticket."""

    INCLUDED = "included", "Included"
    METERED = "metered", "Metered (draws on the hours bank)"
    BILLABLE = "billable", "Billable (needs an approved estimate)"
    NOT_COVERED = "not_covered", "Not covered"


# A coverage decision in one word, where there is room for no more (the queue's pill).
DECISION_WORDS = {
    Decision.INCLUDED: "Included",
    Decision.METERED: "Metered",
    Decision.BILLABLE: "Billable",
    Decision.NOT_COVERED: "Not covered",
}


class Alternative(models.TextChoices):
    """What we offer when a request is not covered."""

    NONE = "", "—"
    KNOWLEDGE_BASE = "knowledge_base", "Knowledge base"
    COMMUNITY = "community", "Community forum"
    PARTNER = "partner", "A partner"
    OFFER = "offer", "An offer for a support plan"
    AUTHORIZED_CONTACT = "authorized_contact", "Ask one of your authorized contacts"


class Channel(models.TextChoices):
    PORTAL = "portal", "Portal"
    EMAIL = "email", "Email"
    API = "api", "API"
    PHONE = "phone", "Phone"
    CHAT = "chat", "Chat"
    WALK_IN = "walk_in", "Walk-in"


def hours_text(hours: Decimal) -> str:
    """Hours as people write them: 16, 2.5, 0.25."""
    return f"{hours.normalize():f}"


def labels_of(choices: type[models.TextChoices], codes: Iterable[str]) -> list[str]:
    """The labels people read for stored codes (a code that is no choice stays as it is)."""
    names = dict(choices.choices)
    return [str(names.get(code, code)) for code in codes]

"""The incident process's vocabulary: states, statuses and kinds as TextChoices.

The status and impact values are statuspage.io's, so status widgets read them unchanged."""

from django.db import models


class Qualification(models.TextChoices):
    SUSPECTED = "suspected", "Suspected"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class IncidentStatus(models.TextChoices):
    INVESTIGATING = "investigating", "Investigating"
    IDENTIFIED = "identified", "Identified"
    MONITORING = "monitoring", "Monitoring"
    RESOLVED = "resolved", "Resolved"
    POSTMORTEM = "postmortem", "Post-mortem"


OPEN_STATUSES = (IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING)


class Impact(models.TextChoices):
    NONE = "none", "None"
    MINOR = "minor", "Minor"
    MAJOR = "major", "Major"
    CRITICAL = "critical", "Critical"


class Source(models.TextChoices):
    MANUAL = "manual", "Opened by hand"
    API = "api", "Opened by API"
    MONITOR = "monitor", "A monitor"
    SPIKE = "spike", "A spike of similar tickets"


class IncidentRole(models.TextChoices):
    COMMANDER = "commander", "Incident commander"
    COMMUNICATIONS = "communications", "Communications lead"
    OPERATIONS = "operations", "Operations"
    SCRIBE = "scribe", "Scribe"


class TemplateKind(models.TextChoices):
    FIRST_ALERT = "first_alert", "First alert"
    UPDATE = "update", "Update"
    RESOLUTION = "resolution", "Resolution"
    MAINTENANCE = "maintenance", "Scheduled maintenance"
    POSTMORTEM = "postmortem", "Post-mortem (customer version)"
    TICKET_REPLY = "ticket_reply", "Reply to linked tickets on resolution"


class AudienceReason(models.TextChoices):
    """Why a contact hears about an incident (the first that applies is kept)."""

    ADMINISTRATOR = "administrator", "Contract administrator"
    AUTHORIZED = "authorized", "Authorized contact"
    OPTED_IN = "opted_in", "Opted in"


class EventKind(models.TextChoices):
    """What a line of an incident's timeline says happened."""

    OPENED = "opened", "Opened"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"
    SEVERITY = "severity", "Severity set"
    SCOPE = "scope", "Services or regions changed"
    ROLE = "role", "Role assigned"
    AUDIENCE = "audience", "Audience computed"
    ALERT = "alert", "Customers alerted"
    UPDATE = "update", "Update posted"
    STATUS = "status", "Status changed"
    REMINDER = "reminder", "Update reminder"
    MISSED = "missed", "Promised update missed"
    TICKET_LINKED = "ticket_linked", "Ticket linked"
    TICKET_UNLINKED = "ticket_unlinked", "Ticket unlinked"
    RESOLVED = "resolved", "Resolved"
    POSTMORTEM = "postmortem", "Post-mortem"
    NOTE = "note", "Note"


class MaintenanceStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    VERIFYING = "verifying", "Verifying"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class RootCause(models.TextChoices):
    """The root-cause taxonomy (the same words as the insights' ticket root causes)."""

    PRODUCT_DEFECT = "product_defect", "Product defect"
    CONFIGURATION = "configuration", "Configuration"
    ENVIRONMENT = "environment", "Environment"
    THIRD_PARTY = "third_party", "Platform or third party"
    DOCUMENTATION_GAP = "documentation_gap", "Documentation gap"
    CAPACITY = "capacity", "Capacity"
    CHANGE = "change", "A change or deployment"
    UNKNOWN = "unknown", "Not known yet"


class PostMortemState(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    SENT = "sent", "Sent to customers"

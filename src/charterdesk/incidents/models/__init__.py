"""The incident process's tables (one module per part, re-exported here)."""

from ..monitors.models import Monitor, MonitorResult
from ..webhooks.models import WebhookDelivery, WebhookEndpoint
from .catalog import (
    AlertOptIn,
    Deployment,
    MessageTemplate,
    RoleAssignment,
    Service,
    SeverityPolicy,
)
from .incident import (
    AudienceContact,
    AudienceOrganization,
    Incident,
    IncidentRoleHolder,
    IncidentTicket,
    IncidentUpdate,
    Maintenance,
    TimelineEvent,
)
from .postmortem import FollowUpAction, PostMortem
from .subscription import Subscriber, SubscribeRequest, Subscription

__all__ = [
    "AlertOptIn",
    "AudienceContact",
    "AudienceOrganization",
    "Deployment",
    "FollowUpAction",
    "Incident",
    "IncidentRoleHolder",
    "IncidentTicket",
    "IncidentUpdate",
    "Maintenance",
    "MessageTemplate",
    "Monitor",
    "MonitorResult",
    "PostMortem",
    "RoleAssignment",
    "Service",
    "SubscribeRequest",
    "Subscriber",
    "Subscription",
    "SeverityPolicy",
    "TimelineEvent",
    "WebhookDelivery",
    "WebhookEndpoint",
]

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from charterdesk.accounts.roles import Perm
from charterdesk.core.pagination import Cursor, Limit
from charterdesk.core.validators import MAX_ID, Id

from .models import Incident

Region = Annotated[str, Field(max_length=32)]
StatusName = Literal["investigating", "identified", "monitoring", "resolved", "postmortem"]
OpenStatusName = Literal["investigating", "identified", "monitoring"]
ImpactName = Literal["none", "minor", "major", "critical"]
RootCauseName = Literal[
    "product_defect",
    "configuration",
    "environment",
    "third_party",
    "documentation_gap",
    "capacity",
    "change",
    "unknown",
]


class ServiceIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    parent_id: Id | None = None
    description: str = Field("", max_length=500)
    is_public: bool = True


class ServicePatch(Schema):
    """Only the fields sent change; `parent_id: null` makes it a service of its own,
    `archived: true` archives it and its parts, `false` restores it."""

    name: str | None = Field(None, min_length=1, max_length=200)
    parent_id: Id | None = None
    description: str | None = Field(None, max_length=500)
    is_public: bool | None = None
    position: int | None = Field(None, ge=0, le=32767)
    archived: bool | None = None


class ServiceOut(Schema):
    id: int
    name: str
    parent_id: int | None
    description: str
    is_public: bool
    position: int
    archived_at: datetime | None


class DeploymentIn(Schema):
    service_id: Id
    region: str = Field("", max_length=32)


class DeploymentOut(Schema):
    id: int
    organization_id: int
    service_id: int
    region: str


class IncidentIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    severity: int | None = Field(None, ge=1, le=9, description="A severity level, 1 the worst.")
    service_ids: list[Id] = Field(min_length=1, max_length=50)
    regions: list[Region] = Field(default_factory=list, max_length=20)
    nature: str = Field("", max_length=5000)
    started_at: datetime | None = None
    dedup_key: str = Field("", max_length=200)


class QualifyIn(Schema):
    confirm: bool = True
    severity: int | None = Field(None, ge=1, le=9)
    alert_customers: bool | None = Field(None, description="Default: the severity's policy.")
    service_ids: list[Id] | None = Field(None, max_length=50)
    regions: list[Region] | None = Field(None, max_length=20)
    impact: ImpactName | None = None
    nature: str | None = Field(None, max_length=5000)
    next_update_at: datetime | None = None
    expected_resolution_at: datetime | None = None
    is_public: bool | None = None


class UpdateIn(Schema):
    status: OpenStatusName
    message: str = Field(min_length=1, max_length=10000)
    next_update_at: datetime
    public: bool = True


class ResolveIn(Schema):
    message: str = Field(min_length=1, max_length=10000)
    data_lost: bool | None = None
    ticket_reply: str | None = Field(None, max_length=10000)
    keep_open_ticket_ids: list[Id] = Field(default_factory=list)


class LinkIn(Schema):
    ticket_id: Id


class UpdateOut(Schema):
    id: int
    status: StatusName
    message: str
    public: bool = Field(alias="is_public")
    next_update_at: datetime | None
    created_at: datetime


def _staff(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "auth", None)
    return bool(user is not None and user.has_perm(Perm.RUN_INCIDENTS))


class IncidentOut(Schema):
    id: int
    title: str
    qualification: Literal["suspected", "confirmed", "dismissed"]
    status: StatusName
    impact: ImpactName
    severity: int | None
    service_ids: list[int]
    regions: list[str]
    nature: str
    started_at: datetime
    resolved_at: datetime | None
    next_update_at: datetime | None = Field(alias="next_update_due")
    expected_resolution_at: datetime | None
    alert_customers: bool | None = Field(None, description="Staff only.")
    first_alert_at: datetime | None = Field(None, description="Staff only.")
    missed_updates: int | None = Field(None, description="Staff only.")

    @staticmethod
    def resolve_alert_customers(incident: Incident, context: dict[str, Any]) -> bool | None:
        return incident.alert_customers if _staff(context) else None

    @staticmethod
    def resolve_first_alert_at(incident: Incident, context: dict[str, Any]) -> datetime | None:
        return incident.first_alert_at if _staff(context) else None

    @staticmethod
    def resolve_missed_updates(incident: Incident, context: dict[str, Any]) -> int | None:
        return incident.missed_updates if _staff(context) else None

    @staticmethod
    def resolve_severity(incident: Incident) -> int | None:
        return incident.severity.level if incident.severity else None

    @staticmethod
    def resolve_service_ids(incident: Incident) -> list[int]:
        return [s.pk for s in incident.services.all()]


class DeploymentPage(Schema):
    items: list[DeploymentOut]
    next: str | None


class DeploymentFilters(Schema):
    service_id: Id | None = None
    region: str | None = Field(None, max_length=32)
    cursor: Cursor | None = None
    limit: Limit = 25


class IncidentPage(Schema):
    items: list[IncidentOut]
    next: str | None


class IncidentFilters(Schema):
    status: StatusName | None = None
    cursor: Cursor | None = None
    limit: Limit = 25


class OrganizationRef(Schema):
    id: int
    name: str


class ContactRef(Schema):
    email: str


class AudienceOut(Schema):
    organizations: list[OrganizationRef]
    contacts: list[ContactRef]
    next: str | None = Field(None, description="The next page of contacts, if any.")


class AudienceFilters(Schema):
    after: int = Field(0, ge=0, le=MAX_ID, description="Contacts after this position (`next`).")
    limit: int = Field(1000, ge=1, le=10000)


class ActionOut(Schema):
    id: int
    text: str
    owner_email: str | None = Field(None, alias="owner.email")
    due_on: str | None
    done_at: datetime | None


class PostMortemOut(Schema):
    incident_id: int
    due_at: datetime
    state: Literal["draft", "approved", "sent"]
    root_cause: RootCauseName
    root_cause_detail: str
    organizations_affected: int
    contacts_affected: int
    duration_minutes: int
    sla_breaches: int
    tickets_linked: int
    missed_updates: int
    internal_report: str
    customer_version: str
    approved_at: datetime | None
    sent_at: datetime | None

    @staticmethod
    def resolve_missed_updates(obj: Any) -> int:
        """Update promises the incident missed (counted by the sweep)."""
        return int(obj.incident.missed_updates)


class PostMortemIn(Schema):
    root_cause: RootCauseName | None = None
    root_cause_detail: str | None = Field(None, max_length=500)
    internal_report: str | None = Field(None, max_length=50000)
    customer_version: str | None = Field(None, max_length=50000)
    approve: bool = False
    send: bool = False


class ScopeIn(Schema):
    """Services and regions to add to a running incident (nothing is taken away)."""

    service_ids: list[Id] = Field(default_factory=list, max_length=50)
    regions: list[Region] = Field(default_factory=list, max_length=20)


class ScopeOut(Schema):
    service_ids: list[int]
    regions: list[str]
    alerted: int = Field(description="First alerts queued to the newly affected contacts.")


RoleName = Literal["commander", "communications", "operations", "scribe"]


class RoleIn(Schema):
    user_id: Id


class RoleOut(Schema):
    role: RoleName
    user_id: int | None
    team_id: int | None

"""Set up ahead of time, by support managers: services (edit, archive, restore), severity
levels, role assignments and notice templates. Every write is audited as a setting
(apps.py); the caller owns the transaction. Called by the set-up pages and the API."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from ..models import MessageTemplate, Monitor, RoleAssignment, Service, SeverityPolicy

SERVICE_FIELDS = ("name", "parent", "description", "is_public", "position")
SEVERITY_FIELDS = (
    "level",
    "name",
    "alert_customers",
    "alert_after_minutes",
    "max_update_interval_minutes",
    "reminder_minutes",
    "postmortem_business_days",
    "calendar",
)
ROLE_FIELDS = ("role", "service", "severity", "user", "team")


def check_manager(actor: User) -> None:
    if not actor.has_perm(Perm.MANAGE_SERVICES):
        raise PermissionDenied("Only support managers change the incident set-up.")


def _assign(record: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be changed."))
    for name, value in fields.items():
        setattr(record, name, value)


def service_update(actor: User, service: Service, **fields: Any) -> Service:
    """Change a service's name, parent, description, visibility or position."""
    check_manager(actor)
    if "name" in fields:
        fields["name"] = " ".join(str(fields["name"]).split())
        taken = Service.objects.filter(name__iexact=fields["name"]).exclude(pk=service.pk)
        if taken.exists():
            raise ValidationError({"name": "A service with this name exists already."})
    _assign(service, fields, SERVICE_FIELDS)
    service.save()
    return service


def _with_parts(service: Service) -> list[int]:
    """The service and its parts, at any depth (one query per level)."""
    found, level = [service.pk], [service.pk]
    while level:
        level = list(Service.objects.filter(parent__in=level).values_list("pk", flat=True))
        found += level
    return found


def service_archive(actor: User, service: Service, *, now: datetime) -> int:
    """Archive the service and its parts: kept with their history (incidents,
    deployments, monitors' results), no longer offered for new incidents or deployments
    and off the status page; their monitors are paused. Returns how many services were
    archived."""
    check_manager(actor)
    ids = _with_parts(service)
    Monitor.objects.filter(service__in=ids).update(is_active=False)
    count = 0
    for row in Service.objects.filter(pk__in=ids, archived_at__isnull=True):
        row.archived_at = now
        row.save(update_fields=["archived_at"])  # one by one, so the audit log has each
        count += 1
    service.refresh_from_db()
    return count


def service_restore(actor: User, service: Service) -> Service:
    """Offer an archived service again (its parts stay archived until restored)."""
    check_manager(actor)
    service.archived_at = None
    service.save(update_fields=["archived_at"])
    return service


def service_patch(actor: User, service: Service, patch: Any, *, now: datetime) -> Service:
    """The API's PATCH: only the fields sent change (`patch` is the parsed schema);
    `archived` archives the service and its parts, or restores it."""
    check_manager(actor)
    fields = patch.model_dump(exclude_unset=True)
    archived = fields.pop("archived", None)
    missing = [name for name, value in fields.items() if value is None and name != "parent_id"]
    if missing:
        raise ValidationError(dict.fromkeys(missing, "Give a value or leave the field out."))
    if "parent_id" in fields:
        fields["parent"] = _parent(fields.pop("parent_id"))
    try:
        if fields:
            service_update(actor, service, **fields)
        if archived is True and not service.is_archived:
            service_archive(actor, service, now=now)
        elif archived is False and service.is_archived:
            service_restore(actor, service)
    except ValidationError as exc:
        renamed = {"parent_id" if k == "parent" else k: v for k, v in exc.message_dict.items()}
        raise ValidationError(renamed) from exc
    return service


def _parent(parent_id: int | None) -> Service | None:
    if parent_id is None:
        return None
    parent = Service.objects.filter(pk=parent_id).first()
    if parent is None:
        raise ValidationError({"parent_id": f"No service has the id {parent_id}."})
    return parent


def severity_save(actor: User, policy: SeverityPolicy | None, **fields: Any) -> SeverityPolicy:
    """Create (`policy` None) or change a severity level and its policy."""
    check_manager(actor)
    policy = policy or SeverityPolicy()
    _assign(policy, fields, SEVERITY_FIELDS)
    taken = SeverityPolicy.objects.filter(level=policy.level).exclude(pk=policy.pk)
    if taken.exists():
        raise ValidationError({"level": f"Severity level {policy.level} exists already."})
    policy.save()
    return policy


def role_assignment_save(
    actor: User, assignment: RoleAssignment | None, **fields: Any
) -> RoleAssignment:
    """Create (`assignment` None) or change who takes a role for a service and severity."""
    check_manager(actor)
    assignment = assignment or RoleAssignment()
    _assign(assignment, fields, ROLE_FIELDS)
    assignment.save()
    return assignment


def role_assignment_delete(actor: User, assignment: RoleAssignment) -> None:
    check_manager(actor)
    assignment.delete()


def template_save(
    actor: User, kind: str, *, subject: str, body: str, now: datetime
) -> MessageTemplate:
    """Write the words of one kind of notice (created on first save)."""
    check_manager(actor)
    template = MessageTemplate.objects.filter(kind=kind).first() or MessageTemplate(kind=kind)
    template.subject, template.body, template.updated_at = subject, body, now
    template.save()
    return template


def template_reset(actor: User, kind: str) -> None:
    """Forget the saved words of a kind of notice: the built-in ones apply again."""
    check_manager(actor)
    for template in MessageTemplate.objects.filter(kind=kind):
        template.delete()  # one by one, so the audit log has it

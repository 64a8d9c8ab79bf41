"""The post-mortem: opened on resolution, written, approved, sent to the audience."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.sla.models import SlaClock

from ..business_days import business_days_after, default_calendar
from ..choices import (
    EventKind,
    IncidentRole,
    IncidentStatus,
    PostMortemState,
    RootCause,
    TemplateKind,
)
from ..fanout import notices_send
from ..models import FollowUpAction, Incident, PostMortem
from ..timeline import event
from ..webhooks.events import postmortem_published
from ..wording import rendered, values_for
from .checks import check_runner

WRITABLE = ("root_cause", "root_cause_detail", "internal_report", "customer_version", "owner")


def postmortem_open(incident: Incident, now: datetime) -> PostMortem:
    """Due the severity's number of business days after resolution, on its calendar.
    Its impact numbers are counted now; the commander owns it."""
    severity = incident.severity
    calendar = default_calendar()
    if severity is not None and severity.calendar is not None:
        calendar = severity.calendar.business_calendar
    days = severity.postmortem_business_days if severity else 5
    commander = incident.roles.filter(role=IncidentRole.COMMANDER).first()
    postmortem, _ = PostMortem.objects.get_or_create(
        incident=incident,
        defaults={
            "due_at": business_days_after(now, days, calendar),
            "owner_id": commander.user_id if commander else None,
            "created_at": now,
            "updated_at": now,
        },
    )
    impact_count(postmortem, incident)
    postmortem.save()
    due = f"{postmortem.due_at:%Y-%m-%d}"
    event(incident, EventKind.POSTMORTEM, None, f"Post-mortem opened, due {due}", at=now)
    return postmortem


def impact_count(postmortem: PostMortem, incident: Incident) -> None:
    end = incident.resolved_at or incident.started_at
    postmortem.organizations_affected = incident.audience_organizations.count()
    postmortem.contacts_affected = incident.audience_contacts.count()
    postmortem.duration_minutes = max(0, int((end - incident.started_at).total_seconds() // 60))
    postmortem.tickets_linked = incident.ticket_links.count()
    postmortem.sla_breaches = SlaClock.objects.filter(
        ticket__incident_links__incident=incident, breached=True
    ).count()


def postmortem_save(postmortem: PostMortem, actor: User, now: datetime, **fields: object) -> None:
    """Write the report (root cause, internal report, customer version, owner). An
    approved post-mortem goes back to draft when its customer version changes."""
    check_runner(actor)
    if postmortem.state == PostMortemState.SENT:
        raise ValidationError({"customer_version": "It was sent to customers; it is final."})
    unknown = set(fields) - set(WRITABLE)
    if unknown:
        raise ValueError(f"unknown post-mortem fields: {', '.join(sorted(unknown))}")
    if "root_cause" in fields and fields["root_cause"] not in RootCause.values:
        raise ValidationError({"root_cause": f"Use one of {', '.join(RootCause.values)}."})
    changed_version = fields.get("customer_version", postmortem.customer_version)
    if changed_version != postmortem.customer_version and postmortem.state != "draft":
        postmortem.state, postmortem.approved_at, postmortem.approved_by = "draft", None, None
    for name, value in fields.items():
        setattr(postmortem, name, value)
    postmortem.updated_at = now
    postmortem.save()


def postmortem_approve(postmortem: PostMortem, actor: User, now: datetime) -> None:
    if not actor.has_perm(Perm.APPROVE_POSTMORTEMS):
        raise PermissionDenied("Team leads and managers approve post-mortems.")
    if postmortem.state != PostMortemState.DRAFT:
        raise ValidationError({"state": "Only a draft is approved."})
    if not postmortem.customer_version.strip():
        raise ValidationError({"customer_version": "Write the customer version first."})
    postmortem.state = PostMortemState.APPROVED
    postmortem.approved_by, postmortem.approved_at = actor, now
    postmortem.save()
    event(postmortem.incident, EventKind.POSTMORTEM, actor, "Post-mortem approved", at=now)


def postmortem_send(postmortem: PostMortem, actor: User, now: datetime) -> int:
    """The approved customer version to the incident's audience (once); the incident's
    status becomes postmortem. Returns the mails queued."""
    check_runner(actor)
    if postmortem.state != PostMortemState.APPROVED:
        raise ValidationError({"state": "Approve the post-mortem before sending it."})
    incident = postmortem.incident
    subject, text = rendered(TemplateKind.POSTMORTEM, values_for(incident))
    queued = (
        notices_send(incident, subject, text, now, subscribers=False)
        if incident.first_alert_at
        else 0
    )
    postmortem.state, postmortem.sent_at = PostMortemState.SENT, now
    postmortem.save()
    incident.status = IncidentStatus.POSTMORTEM
    incident.save(update_fields=["status"])
    event(incident, EventKind.POSTMORTEM, actor, f"Post-mortem sent to {queued} contacts", at=now)
    postmortem_published(postmortem, now)
    return queued


def action_add(
    postmortem: PostMortem, actor: User, *, text: str, owner: User | None, due_on: date | None
) -> FollowUpAction:
    check_runner(actor)
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": "Say what is to be done."})
    return FollowUpAction.objects.create(
        postmortem=postmortem, text=text[:300], owner=owner, due_on=due_on
    )


def action_done(action: FollowUpAction, actor: User, now: datetime, *, done: bool = True) -> None:
    check_runner(actor)
    action.done_at = now if done else None
    action.save(update_fields=["done_at"])

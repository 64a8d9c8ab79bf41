"""What the desk's incident pages show, and the glue between their forms and the
services (kept out of views.py so each view stays a few lines)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from . import services
from .audience import Preview, audience_preview
from .choices import (
    OPEN_STATUSES,
    IncidentRole,
    PostMortemState,
    Qualification,
    TemplateKind,
)
from .forms import (
    ActionForm,
    LinkForm,
    PostMortemForm,
    QualifyForm,
    ResolveForm,
    RoleForm,
    ScopeForm,
    UpdateForm,
)
from .models import FollowUpAction, Incident, PostMortem
from .selectors import (
    audience_organizations,
    postmortem_get_for,
    timeline_of,
    updates_visible_to,
)
from .services.steering import may_steer
from .wording import rendered, values_for

Act = Callable[[Incident, User, Any], object]
FORM_NAMES = {
    QualifyForm: "qualify_form",
    UpdateForm: "update_form",
    ResolveForm: "resolve_form",
    ScopeForm: "scope_form",
    RoleForm: "role_form",
}


def listed(rows: QuerySet[Incident], show: str) -> QuerySet[Incident]:
    rows = rows.prefetch_related("services")
    if show == "open":
        return rows.filter(status__in=OPEN_STATUSES).exclude(qualification=Qualification.DISMISSED)
    return rows


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's field errors on the form's fields (others on the form itself)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        name = {"service_ids": "services", "user_id": "user"}.get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def form_name(form: forms.Form) -> str:
    return FORM_NAMES[type(form)]


def _linked_ids(incident: Incident) -> list[int]:
    return list(incident.ticket_links.values_list("ticket_id", flat=True)[:200])


def _service_ids(incident: Incident) -> list[int]:
    return list(incident.services.values_list("pk", flat=True))


def bound(form_class: type[forms.Form], data: QueryDict, incident: Incident) -> forms.Form:
    if form_class is ResolveForm:
        return ResolveForm(data, ticket_ids=_linked_ids(incident))
    if form_class is ScopeForm:
        return ScopeForm(data, held=_service_ids(incident))
    return form_class(data)


def _next_update(incident: Incident) -> str:
    minutes = incident.severity.max_update_interval_minutes if incident.severity else 60
    moment = timezone.localtime(timezone.now() + timedelta(minutes=min(minutes, 30)))
    return f"{moment:%Y-%m-%dT%H:%M}"


def _forms(incident: Incident) -> dict[str, forms.Form]:
    # every placeholder filled in now but {message}: the form puts what happened there
    reply = rendered(TemplateKind.TICKET_REPLY, values_for(incident, "{message}"))[1]
    return {
        "qualify_form": QualifyForm(
            initial={
                "regions": ", ".join(incident.regions),
                "nature": incident.nature,
                "next_update_at": _next_update(incident),
                "impact": incident.impact,
                "services": list(incident.services.all()),
            }
        ),
        "scope_form": ScopeForm(held=_service_ids(incident)),
        "role_form": RoleForm(),
        "update_form": UpdateForm(
            initial={"status": incident.status, "next_update_at": _next_update(incident)}
        ),
        "resolve_form": ResolveForm(
            ticket_ids=_linked_ids(incident), initial={"ticket_reply": reply}
        ),
        "link_form": LinkForm(),
    }


def detail(user: User, incident: Incident, **given: forms.Form) -> dict[str, Any]:
    organizations = audience_organizations(user, incident)
    return {
        "incident": incident,
        "now": timezone.now(),
        "services": list(incident.services.all()),
        "roles": list(incident.roles.select_related("user", "team")),
        "updates": list(updates_visible_to(user, incident)[:50]),
        "timeline": list(timeline_of(user, incident)[:300]),
        "organizations_count": organizations.count(),
        "organizations": list(organizations.order_by("organization__name")[:20]),
        "contacts_count": incident.audience_contacts.count(),
        "links": list(incident.ticket_links.select_related("ticket__organization")[:200]),
        "postmortem": PostMortem.objects.filter(incident=incident).first(),
        "is_open": incident.is_open and incident.qualification == Qualification.CONFIRMED,
        "preview": _preview(incident),
        "may_steer": may_steer(user, incident),
        **_forms(incident),
        **given,
    }


def _preview(incident: Incident) -> Preview | None:
    if incident.qualification != Qualification.SUSPECTED:
        return None
    return audience_preview(incident, timezone.localdate())


def qualify(incident: Incident, user: User, form: QualifyForm) -> object:
    data = form.cleaned_data
    return services.incident_qualify(
        incident,
        user,
        confirm=data["decision"] == "confirm",
        severity=data["severity"],
        alert_customers=form.alert_customers(),
        services=list(data["services"]) or None,
        regions=data["regions"],
        impact=data["impact"],
        nature=data["nature"],
        next_update_at=data["next_update_at"],
        expected_resolution_at=data["expected_resolution_at"],
        is_public=data["is_public"],
        now=timezone.now(),
    )


def scope_add(incident: Incident, user: User, form: ScopeForm) -> object:
    data = form.cleaned_data
    return services.incident_scope_add(
        incident, user, services=list(data["services"]), regions=data["regions"], now=timezone.now()
    )


def role_set(incident: Incident, user: User, form: RoleForm) -> object:
    data = form.cleaned_data
    role = IncidentRole(data["role"])
    return services.incident_role_set(
        incident, user, role=role, user=data["user"], now=timezone.now()
    )


def post_update(incident: Incident, user: User, form: UpdateForm) -> object:
    data = form.cleaned_data
    return services.incident_post_update(
        incident,
        user,
        status=data["status"],
        message=data["message"],
        next_update_at=data["next_update_at"],
        is_public=data["public"],
        now=timezone.now(),
    )


def resolve(incident: Incident, user: User, form: ResolveForm) -> object:
    data = form.cleaned_data
    return services.incident_resolve(
        incident,
        user,
        message=data["message"],
        data_lost=form.data_lost_value(),
        ticket_reply=data.get("ticket_reply") or None,
        keep_open={int(t) for t in data.get("keep_open", [])},
        now=timezone.now(),
    )


def postmortem(user: User, incident: Incident, **given: forms.BaseForm) -> dict[str, Any]:
    report = postmortem_get_for(user, incident)
    return {
        "incident": incident,
        "now": timezone.now(),
        "postmortem": report,
        "events": list(timeline_of(user, incident)[:300]),
        "actions": list(report.actions.select_related("owner")),
        "may_approve": user.has_perm(Perm.APPROVE_POSTMORTEMS),
        "final": report.state == PostMortemState.SENT,
        "report": given.get("report") or PostMortemForm(instance=report),
        "action_form": given.get("action") or ActionForm(),
    }


def postmortem_forms(
    user: User, incident: Incident, data: QueryDict, action: str
) -> dict[str, forms.BaseForm]:
    report = postmortem_get_for(user, incident)
    if action == "action":
        return {"action": ActionForm(data), "report": PostMortemForm(instance=report)}
    return {"report": PostMortemForm(data if action == "save" else None, instance=report)}


def postmortem_act(user: User, incident: Incident, action: str, given: dict[str, Any]) -> str:
    report, now = postmortem_get_for(user, incident), timezone.now()
    if action == "approve":
        services.postmortem_approve(report, user, now)
        return "Post-mortem approved; it may now be sent."
    if action == "send":
        queued = services.postmortem_send(report, user, now)
        return f"The customer version went to {queued} contacts."
    if action.startswith("done-"):
        done = FollowUpAction.objects.filter(postmortem=report, pk=action[5:] or 0).first()
        if done is None:
            raise ValidationError("No such follow-up action.")
        services.action_done(done, user, now, done=done.done_at is None)
        return "Follow-up action updated."
    form = given["action" if action == "action" else "report"]
    if not form.is_valid():
        raise ValidationError("Check the fields below.")
    if action == "action":
        services.action_add(report, user, **form.cleaned_data)
        return "Follow-up action added."
    fields = {name: form.cleaned_data[name] for name in PostMortemForm.Meta.fields}
    services.postmortem_save(report, user, now, **fields)
    return "Post-mortem saved."

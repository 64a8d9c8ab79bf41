"""Set-up pages: severity levels with their policy, role assignments with a preview of
who would take a role, and notice templates with a safe preview. Agents read; managers
change (the services check). Views parse, call one service, render."""

from django.contrib import messages as flash
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user

from ..choices import IncidentRole, TemplateKind
from ..models import MessageTemplate, RoleAssignment, SeverityPolicy
from ..placeholders import PLACEHOLDERS
from ..services import setup
from ..wording import template_for
from .common import can_manage, run
from .forms import RoleAssignmentForm, RolePreviewForm, SeverityForm, TemplateForm
from .preview import preview
from .selectors import role_assignments, role_holder_preview


def _page(request: HttpRequest, name: str, context: dict[str, object]) -> HttpResponse:
    failed = any(getattr(v, "errors", None) for v in context.values() if hasattr(v, "is_bound"))
    context |= {"can_manage": can_manage(request)}
    return render(request, f"incidents/setup/{name}.html", context, status=400 if failed else 200)


@agent_required
def severities(request: HttpRequest) -> HttpResponse:
    form = SeverityForm(request.POST or None)
    if request.method == "POST":
        user = signed_in_user(request)
        if run(form, lambda: setup.severity_save(user, None, **form.cleaned_data)):
            flash.success(request, "Severity level added.")
            return redirect("incidents:setup_severities")
    rows = SeverityPolicy.objects.select_related("calendar").order_by("level")
    return _page(request, "severities", {"rows": rows, "form": form, "tab": "severities"})


@agent_required
def severity_edit(request: HttpRequest, severity_id: int) -> HttpResponse:
    policy = SeverityPolicy.objects.filter(pk=severity_id).first()
    if policy is None:
        raise Http404("No such severity level.")
    form = SeverityForm(request.POST or None, instance=policy)
    if request.method == "POST":
        user = signed_in_user(request)
        if run(form, lambda: setup.severity_save(user, policy, **form.cleaned_data)):
            flash.success(request, f"Severity level {policy.level} saved.")
            return redirect("incidents:setup_severities")
    return _page(request, "severity", {"policy": policy, "form": form, "tab": "severities"})


@agent_required
def roles(request: HttpRequest) -> HttpResponse:
    form = RoleAssignmentForm(request.POST or None)
    if request.method == "POST":
        user = signed_in_user(request)
        if run(form, lambda: setup.role_assignment_save(user, None, **form.cleaned_data)):
            flash.success(request, "Role assigned.")
            return redirect("incidents:setup_roles")
    asked = RolePreviewForm(request.GET) if "role" in request.GET else RolePreviewForm()
    context: dict[str, object] = {"rows": role_assignments(), "form": form, "asked": asked}
    if asked.is_bound and asked.is_valid():
        data = asked.cleaned_data
        context["answer"] = role_holder_preview(
            IncidentRole(data["role"]), data["service"], data["severity"]
        )
        context["question"] = data | {"role": IncidentRole(data["role"]).label}
    return _page(request, "roles", context | {"tab": "roles"})


@agent_required
def role_edit(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = role_assignments().filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404("No such role assignment.")
    form = RoleAssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST":
        user = signed_in_user(request)
        if run(form, lambda: setup.role_assignment_save(user, assignment, **form.cleaned_data)):
            flash.success(request, "Role assignment saved.")
            return redirect("incidents:setup_roles")
    return _page(request, "role", {"assignment": assignment, "form": form, "tab": "roles"})


@agent_required
@require_POST
def role_delete(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = RoleAssignment.objects.filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404("No such role assignment.")
    with transaction.atomic():
        setup.role_assignment_delete(signed_in_user(request), assignment)
    flash.success(request, "Role assignment removed.")
    return redirect("incidents:setup_roles")


@agent_required
def templates(request: HttpRequest) -> HttpResponse:
    kinds = [(kind, template_for(kind)[0]) for kind in TemplateKind]
    return _page(request, "templates", {"kinds": kinds, "tab": "templates"})


@agent_required
@require_POST
def template_reset(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in TemplateKind.values:
        raise Http404("No such kind of notice.")
    with transaction.atomic():
        setup.template_reset(signed_in_user(request), kind)
    flash.success(request, f"{TemplateKind(kind).label}: back to the built-in words.")
    return redirect("incidents:setup_template", kind)


@agent_required
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in TemplateKind.values:
        raise Http404("No such kind of notice.")
    subject, body = template_for(kind)
    form = TemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST" and "save" in request.POST:
        user, now = signed_in_user(request), timezone.now()
        if run(form, lambda: setup.template_save(user, kind, now=now, **form.cleaned_data)):
            flash.success(request, f"{TemplateKind(kind).label} template saved.")
            return redirect("incidents:setup_template", kind)
    if form.is_bound and form.is_valid():
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    shown = preview(subject, body) if not form.errors else None
    context = {"kind": TemplateKind(kind), "form": form, "preview": shown, "tab": "templates"}
    context["placeholders"] = list(PLACEHOLDERS.items())
    context["saved"] = MessageTemplate.objects.filter(kind=kind).exists()
    return _page(request, "template", context)

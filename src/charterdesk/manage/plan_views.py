from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors
from charterdesk.plans.models import Plan, PlanStatus
from charterdesk.plans.selectors import all_plans_with_terms, plan_versions
from charterdesk.plans.terms import PlanTerms, rows_set
from charterdesk.plans.versions import plan_publish

from .plan_forms import NewPlanForm, PlanForm, TermsForm
from .plan_services import plan_create

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def plan_list(request: HttpRequest) -> HttpResponse:
    form = NewPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = plan_create(**form.cleaned_data)
        messages.success(request, f"Draft “{plan.name}” created: set its terms, then publish it.")
        return redirect("manage:plan", plan_id=plan.pk)
    plans = Plan.objects.select_related("calendar").order_by("position", "name")
    return render(request, "manage/plans.html", {"section": "plans", "plans": plans, "form": form})


@settings_page
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(all_plans_with_terms(), pk=plan_id)
    draft = plan.status == PlanStatus.DRAFT
    data = request.POST if request.method == "POST" and draft else None
    form, terms = PlanForm(data, instance=plan), TermsForm(data, terms=PlanTerms.of(plan))
    if data is not None and form.is_valid() and terms.is_valid():
        try:
            with transaction.atomic():
                form.save()
                rows_set(plan, *terms.rows())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Plan “{plan.name}” saved.")
            return redirect("manage:plan", plan_id=plan.pk)
    page = {"section": "plans", "plan": plan, "form": form, "terms": terms, "draft": draft}
    if not draft:
        read_only(form, terms)
        versions = list(plan_versions(plan))
        pending = next((v for v in versions if v.applied_at is None), None)
        page |= {"versions": versions, "pending": pending}
    return render(request, "manage/plan.html", page)


def read_only(*forms_: PlanForm | TermsForm) -> None:
    for form in forms_:
        for field in form.fields.values():
            field.disabled = True


@settings_page
@require_POST
def plan_publish_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        with transaction.atomic():
            plan = get_object_or_404(Plan.objects.select_for_update(), pk=plan_id)
            if plan.status == PlanStatus.DRAFT:
                plan_publish(plan=plan)
                messages.success(
                    request, f"“{plan.name}” is published: it is on the coverage page."
                )
    except ValidationError as refused:
        messages.error(request, "Not published: " + " ".join(refused.messages))
    return redirect("manage:plan", plan_id=plan_id)

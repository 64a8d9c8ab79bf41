from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm
from charterdesk.core.querystring import parse_id
from charterdesk.customers.models import Organization
from charterdesk.plans.models import Contract

from .contract_forms import ContractForm, OrganizationChoiceForm
from .contract_services import contract_renew, contract_save

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def contract_list(request: HttpRequest) -> HttpResponse:
    contracts = Contract.objects.select_related("organization", "plan").order_by(
        "organization__name", "-starts_on", "-id"
    )
    page = Paginator(contracts, 50).get_page(request.GET.get("page"))
    context = {"section": "contracts", "page": page, "choose": OrganizationChoiceForm()}
    return render(request, "manage/contracts.html", context)


@settings_page
def contract_new(request: HttpRequest) -> HttpResponse:
    organization_id = parse_id(request.GET.get("organization"))
    organization = Organization.objects.filter(pk=organization_id or 0).first()
    if organization is None:  # no organization chosen yet: choose it on the list
        return redirect("manage:contracts")
    return _edit(request, Contract(organization=organization), organization)


@settings_page
def contract_edit(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = get_object_or_404(Contract.objects.select_related("organization"), pk=contract_id)
    return _edit(request, contract, contract.organization)


def _edit(request: HttpRequest, contract: Contract, organization: Organization) -> HttpResponse:
    form = ContractForm(request.POST or None, instance=contract, organization=organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = contract_save(form=form)
        messages.success(request, f"Contract of {organization} saved ({saved.period_text()}).")
        return redirect("manage:contract", contract_id=saved.pk)
    context = {
        "section": "contracts",
        "form": form,
        "contract": contract,
        "organization": organization,
    }
    return render(request, "manage/contract.html", context)


@settings_page
@require_POST
def contract_renew_view(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=contract_id)
    try:
        with transaction.atomic():
            renewed = contract_renew(contract=contract)
    except ValidationError as error:
        messages.error(request, "Not renewed: " + " ".join(error.messages))
        return redirect("manage:contract", contract_id=contract.pk)
    messages.success(request, f"Renewed: the next period is {renewed.period_text()}.")
    return redirect("manage:contract", contract_id=renewed.pk)

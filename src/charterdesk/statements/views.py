"""Statement pages for agents (desk) and customers' contacts (portal): the contract list,
the statement with charts and a month picker, and CSV and PDF downloads."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from charterdesk.accounts.access import is_contact
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.plans.models import Contract

from .calendar_months import Month, current_month
from .export import as_csv, filename
from .forms import MonthForm
from .pdf import as_pdf
from .selectors import (
    contract_get_for,
    contracts_visible_to,
    statement_mailing_of,
    usage_statement,
)
from .usage import Row, Statement

REQUESTERS_ON_PAGE = 25


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    width: int  # percent of the largest bar


def bars(rows: list[Row]) -> list[Bar]:
    top = max((row.value for row in rows), default=0) or 1
    return [Bar(r.label, r.value, int(Decimal(r.value) * 100 / Decimal(top))) for r in rows]


def _user(request: HttpRequest, area: str) -> User:
    user = signed_in_user(request)
    if area == "desk" and not user.is_agent:
        raise PermissionDenied("The agent workspace is for support staff.")
    if area == "portal" and not is_contact(user):
        raise PermissionDenied("The portal is for contacts of a customer organization.")
    return user


def _contract(request: HttpRequest, contract_id: int, area: str) -> Contract:
    try:
        return contract_get_for(_user(request, area), contract_id)
    except Contract.DoesNotExist as exc:
        raise Http404("No such contract.") from exc


def _month(request: HttpRequest, contract: Contract) -> tuple[MonthForm, Month | None]:
    form = MonthForm(request.GET)
    if not form.is_valid():
        return form, None
    month = form.cleaned_data["month"] or current_month(contract, timezone.now())
    return MonthForm({"month": str(month)}), month  # the picker shows the month shown


@login_required
def contract_list(request: HttpRequest, area: str) -> HttpResponse:
    contracts = contracts_visible_to(_user(request, area)).order_by(
        "organization__name", "-starts_on", "id"
    )
    page = Paginator(contracts, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(c, current_month(c, now).previous()) for c in page.object_list]
    context = {"page": page, "rows": rows, "area": area}
    return render(request, "statements/contract_list.html", context)


@login_required
def statement_page(request: HttpRequest, contract_id: int, area: str) -> HttpResponse:
    contract = _contract(request, contract_id, area)
    form, month = _month(request, contract)
    context: dict[str, Any] = {"contract": contract, "form": form, "area": area}
    if month is None:
        return render(request, "statements/statement.html", context, status=400)
    context.update(_charts(usage_statement(contract, month)))
    links = {
        name: reverse(f"statements:{area}_{name}", kwargs={"contract_id": contract.pk})
        for name in ("statement", "csv", "pdf")
    }
    context.update(links=links, previous=month.previous(), next=month.next())
    if area == "desk":
        context["mailing"] = statement_mailing_of(contract, month)
    return render(request, "statements/statement.html", context)


def _charts(s: Statement) -> dict[str, Any]:
    return {
        "s": s,
        "bank_width": min(100, s.used_percent or 0),
        "by_type": bars(s.tickets_by_type),
        "by_priority": bars(s.tickets_by_priority),
        "by_coverage": bars(s.tickets_by_coverage),
        "by_activity": bars(s.time_by_activity),
        "by_tier": bars(s.time_by_tier),
        "ratings": bars(s.satisfaction.distribution),
        "requesters": s.requesters[:REQUESTERS_ON_PAGE],
    }


def _download(request: HttpRequest, contract_id: int, area: str) -> Statement | HttpResponse:
    contract = _contract(request, contract_id, area)
    form, month = _month(request, contract)
    if month is None:
        context = {"contract": contract, "form": form, "area": area}
        return render(request, "statements/statement.html", context, status=400)
    return usage_statement(contract, month)


@login_required
def statement_csv(request: HttpRequest, contract_id: int, area: str) -> HttpResponse:
    s = _download(request, contract_id, area)
    if isinstance(s, HttpResponse):
        return s
    response = HttpResponse(as_csv(s), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(s, "csv")}"'
    return response


@login_required
def statement_pdf(request: HttpRequest, contract_id: int, area: str) -> HttpResponse:
    s = _download(request, contract_id, area)
    if isinstance(s, HttpResponse):
        return s
    response = HttpResponse(as_pdf(s), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename(s, "pdf")}"'
    return response

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm

from .audit_forms import AuditFilterForm, before_id
from .audit_rows import audit_rows
from .selectors import audit_actors, audit_entries, audit_page


@staff_permission_required(Perm.READ_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who changed which setting, when, before and after; filtered, 50 a page."""
    form = AuditFilterForm(request.GET or None, actors=audit_actors())
    filters = form.cleaned_data if form.is_valid() else {}
    rows, next_before = audit_page(audit_entries(filters), before_id(request.GET.get("before")))
    params = request.GET.copy()
    params.pop("before", None)
    context = {
        "section": "audit",
        "form": form,
        "rows": audit_rows(rows),
        "next_before": next_before,
        "params": params.urlencode(),
    }
    return render(request, "manage/audit.html", context)

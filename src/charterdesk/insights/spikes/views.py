"""/desk/insights/spikes: the spikes found lately and the incidents they raised; managers
set the thresholds on the same page."""

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required, staff_permission_required
from charterdesk.accounts.roles import Perm

from .forms import SpikeSettingsForm
from .models import Spike, SpikeSettings

PAGE = 50


@agent_required
def spike_list(request: HttpRequest) -> HttpResponse:
    return _page(request, SpikeSettingsForm(instance=SpikeSettings.current()))


@staff_permission_required(Perm.MANAGE_SETTINGS)
@require_POST
def spike_settings(request: HttpRequest) -> HttpResponse:
    form = SpikeSettingsForm(request.POST, instance=SpikeSettings.current())
    if not form.is_valid():
        return _page(request, form, status=400)
    with transaction.atomic(durable=True):
        form.save()
    flash.success(request, "Spike detection settings saved.")
    return redirect("insights:spikes")


def _page(request: HttpRequest, form: SpikeSettingsForm, status: int = 200) -> HttpResponse:
    spikes = Spike.objects.select_related("incident").order_by("-detected_at", "-id")
    context = {
        "page": Paginator(spikes, PAGE).get_page(request.GET.get("page")),
        "form": form,
        "may_configure": request.user.has_perm(Perm.MANAGE_SETTINGS),
    }
    return render(request, "insights/spikes.html", context, status=status)

"""The macro pages: the list with usage counts, the form, and applying one on a ticket."""

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for, ticket_locked_or_404
from charterdesk.tickets.wording import changed_fields_text

from . import services
from .macro_forms import PLACEHOLDER_HELP, MacroForm, initial_of
from .models import Macro, MacroVisibility
from .selectors import macro_get_for, macros_visible_to


def _macro(user: User, macro_id: int) -> Macro:
    try:
        return macro_get_for(user, macro_id)
    except Macro.DoesNotExist as exc:
        raise Http404("No such macro.") from exc


def _show_errors(form: MacroForm, exc: ValidationError) -> None:
    """A service's errors on the form; a custom field's under "Set custom fields"."""
    for name, messages in exc.message_dict.items():
        if name in form.fields:
            form.add_error(name, messages)
        elif name in ("fields", "changes"):
            form.add_error("set_fields", messages)
        else:
            form.add_error("set_fields", [f"{name}: {m}" for m in messages])


@agent_required
def macro_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    macros = macros_visible_to(user).order_by("-usage_count", "title", "id")
    page = Paginator(macros, 50).get_page(request.GET.get("page"))
    return render(request, "workspace/macros.html", {"page": page, "user_": user})


def _form_page(request: HttpRequest, form: MacroForm, macro: Macro | None) -> HttpResponse:
    context = {"form": form, "macro": macro, "placeholders": PLACEHOLDER_HELP}
    return render(request, "workspace/macro_form.html", context)


@agent_required
def macro_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if request.method != "POST":
        form = MacroForm(initial={"visibility": MacroVisibility.PERSONAL})
        return _form_page(request, form, None)
    form = MacroForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                macro = services.macro_create(user, form.macro_input())
            flash.success(request, f"Macro “{macro.title}” saved.")
            return redirect("workspace:macros")
        except ValidationError as exc:
            _show_errors(form, exc)
    return _form_page(request, form, None)


@agent_required
def macro_edit(request: HttpRequest, macro_id: int) -> HttpResponse:
    user = signed_in_user(request)
    macro = _macro(user, macro_id)
    if not services.can_edit(user, macro):
        raise Http404("No such macro.")
    if request.method != "POST":
        return _form_page(request, MacroForm(initial=initial_of(macro)), macro)
    form = MacroForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                services.macro_update(user, macro, form.macro_input())
            flash.success(request, f"Macro “{macro.title}” saved.")
            return redirect("workspace:macros")
        except ValidationError as exc:
            _show_errors(form, exc)
    return _form_page(request, form, macro)


@agent_required
@require_POST
def macro_delete(request: HttpRequest, macro_id: int) -> HttpResponse:
    user = signed_in_user(request)
    with transaction.atomic(durable=True):
        macro = _macro(user, macro_id)
        services.macro_delete(user, macro)
    flash.success(request, f"Macro “{macro.title}” deleted.")
    return redirect("workspace:macros")


@agent_required
@require_POST
def macro_apply(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """Apply the chosen macro to the ticket in one click."""
    user = signed_in_user(request)
    try:
        macro_id = forms.IntegerField(min_value=1).clean(request.POST.get("macro"))
        with transaction.atomic(durable=True):
            ticket = ticket_locked_or_404(user, ticket_id, "requester", "organization")
            macro = _macro(user, macro_id)
            changed = services.macro_apply(ticket, user, macro)
    except ValidationError as exc:
        flash.error(request, "The macro was not applied: " + " ".join(exc.messages))
        return redirect("desk:ticket", ticket_id=ticket_id)
    done = f" Changed: {changed_fields_text(changed)}." if changed else ""
    flash.success(request, f"Macro “{macro.title}” applied.{done}")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
def macro_preview(request: HttpRequest, ticket_id: int, macro_id: int) -> JsonResponse:
    """The macro's reply and note rendered for this ticket, for the reply box."""
    user = signed_in_user(request)
    try:
        ticket = ticket_get_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc
    return JsonResponse(services.macro_preview(ticket, user, _macro(user, macro_id)))

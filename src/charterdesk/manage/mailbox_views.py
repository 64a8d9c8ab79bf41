"""IMAP mailboxes in the settings area: the list, a form to add or change one, and a
connection test that reports the server's answer in words."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm
from charterdesk.mailboxes.check import connection_check
from charterdesk.mailboxes.models import Mailbox

from .mailbox_forms import MailboxForm

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def mailbox_list(request: HttpRequest) -> HttpResponse:
    page = {"section": "mailboxes", "mailboxes": Mailbox.objects.all(), "gateway": _gateway()}
    return render(request, "manage/mailboxes.html", page)


@settings_page
def mailbox_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, Mailbox())


@settings_page
def mailbox_edit(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Mailbox, pk=mailbox_id))


def _edit(request: HttpRequest, mailbox: Mailbox) -> HttpResponse:
    form = MailboxForm(request.POST or None, instance=mailbox)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, f"Mailbox “{saved.name}” saved.")
        return redirect("manage:mailbox", mailbox_id=saved.pk)
    page = {"section": "mailboxes", "form": form, "mailbox": mailbox, "gateway": _gateway()}
    return render(request, "manage/mailbox.html", page)


@settings_page
@require_POST
def mailbox_test(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    """Test what the form holds now (an empty password: the saved one), or, posted
    without the form's fields, the saved settings."""
    mailbox = get_object_or_404(Mailbox, pk=mailbox_id)
    if "host" in request.POST:
        return _test_typed(request, mailbox)
    worked, answer = connection_check(mailbox)
    (messages.success if worked else messages.error)(request, f"Test connection: {answer}")
    return redirect("manage:mailbox", mailbox_id=mailbox.pk)


@settings_page
@require_POST
def mailbox_test_unsaved(request: HttpRequest) -> HttpResponse:
    """Test the settings of a mailbox not saved yet."""
    return _test_typed(request, Mailbox())


def _test_typed(request: HttpRequest, mailbox: Mailbox) -> HttpResponse:
    """Connect with the settings as typed, save nothing. Answers the page's script with
    the result alone; without the script, the page again (the password is not sent back,
    so it must be typed again to save a new mailbox)."""
    form = MailboxForm(request.POST, instance=mailbox)
    result: dict[str, object] = {"worked": False, "answer": ""}
    if form.is_valid():
        worked, answer = connection_check(form.instance)
        result = {"worked": worked, "answer": answer}
    if request.headers.get("X-Requested-With") == "fetch":
        return render(request, "manage/_mailbox_test_result.html", {"form": form, **result})
    page = {"section": "mailboxes", "form": form, "mailbox": mailbox, "gateway": _gateway()}
    return render(request, "manage/mailbox.html", page | {"test": result})


def _gateway() -> dict[str, object]:
    """What the SMTP gateway accepts, as the server's settings say (not editable here)."""
    return {"address": settings.MAIL_SUPPORT_ADDRESS, "domains": settings.MAIL_ACCEPT_DOMAINS}

"""What a customer does to a request besides replying: mark it solved, reopen it, and
download the files on it."""

from collections.abc import Callable

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.mail.models import Attachment
from charterdesk.tickets import selectors, services
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services.followers import follower_of

from .selectors import attachment_get_for


@contact_required
@require_POST
def ticket_solve(request: HttpRequest, ticket_id: int) -> HttpResponse:
    return _change(request, ticket_id, services.ticket_solve_by_customer, "marked solved")


@contact_required
@require_POST
def ticket_follow(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """A colleague of the requester follows the request, or stops following it."""
    user = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            ticket = selectors.ticket_lock_for(user, ticket_id)
            follower = follower_of(ticket, user)
            if follower is None:
                services.follower_add(ticket, user, contact=user.contact)
            else:
                services.follower_remove(follower, user)
        done = "You follow this request." if follower is None else "You no longer follow it."
        flash.success(request, done)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("portal:ticket", ticket_id=ticket_id)


@contact_required
@require_POST
def ticket_reopen(request: HttpRequest, ticket_id: int) -> HttpResponse:
    return _change(request, ticket_id, services.ticket_reopen_by_customer, "reopened")


def _change(
    request: HttpRequest, ticket_id: int, service: Callable[[Ticket, User], None], done: str
) -> HttpResponse:
    user = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            ticket = selectors.ticket_lock_for(user, ticket_id, "contract__plan")
            service(ticket, user)
        flash.success(request, f"Your request was {done}.")
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("portal:ticket", ticket_id=ticket_id)


@contact_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Always a download: never rendered by the browser, whatever the file claims to be."""
    try:
        item = attachment_get_for(signed_in_user(request), attachment_id)
    except Attachment.DoesNotExist as exc:
        raise Http404("No such file.") from exc
    assert item.blob is not None  # noqa: S101 - the selector leaves out files not kept
    response = HttpResponse(bytes(item.blob.data), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, item.filename or "download")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response

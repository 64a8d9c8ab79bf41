"""Downloads of the files in a request's public thread, from inside the widget: a signed-in
contact's own request, or the confirmed request a visitor's pass follows. The frame fetches
them with its headers (the key, and the bearer session or the visitor pass; no cookie) and
saves the bytes; they are always a download, never rendered, and never an internal note's
file or another request's (404 problem+json, the same as an unknown id)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from charterdesk.mail.models import Attachment
from charterdesk.tickets.models import Ticket

from . import selectors
from .content_views import widget_call
from .http import Caller, problem
from .visitor_views import visitor_pass_of


def _download(ticket: Ticket, reader: object, attachment_id: int) -> HttpResponse:
    try:
        item = selectors.thread_file(ticket, reader, attachment_id)  # type: ignore[arg-type]
    except Attachment.DoesNotExist as exc:
        raise Http404("No such file on this request.") from exc
    assert item.blob is not None  # noqa: S101 - the selector leaves out files not kept
    response = HttpResponse(bytes(item.blob.data), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, item.filename or "download")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@widget_call
def request_file(
    request: HttpRequest, caller: Caller, ticket_id: int, attachment_id: int
) -> HttpResponse:
    """A file of one of the signed-in contact's own requests."""
    user = caller.user
    if user is None:
        return problem(request, 401, "Sign in through the vendor's product to see requests.")
    try:
        ticket = selectors.request_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    return _download(ticket, user, attachment_id)


@widget_call
def visitor_file(
    request: HttpRequest, caller: Caller, ticket_id: int, attachment_id: int
) -> HttpResponse:
    """A file of the confirmed request the visitor's pass follows."""
    try:
        ticket = selectors.visitor_ticket(caller.key, visitor_pass_of(request), ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    return _download(ticket, None, attachment_id)

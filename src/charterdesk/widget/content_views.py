"""What the widget's iframe fetches: small HTML fragments, rendered here and dropped into
the iframe by frame.js. Each call names its key (X-Widget-Key) and, when signed in, its
session (Authorization: Bearer). No cookie is read, so no CSRF token is needed."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors
from charterdesk.knowledge.markdown import render as markdown
from charterdesk.knowledge.models import Article
from charterdesk.knowledge.selectors import article_get_for
from charterdesk.mailboxes.uploads import MAX_FILES
from charterdesk.tickets.models import Status, Ticket

from . import selectors
from .forms import WidgetReplyForm, WidgetRequestForm
from .http import Caller, WidgetAccessError, caller_of, problem
from .requests import widget_reply_add, widget_request_create
from .search import widget_search, widget_suggest
from .visitors import VISITOR_MAX_FILES

View = Callable[..., HttpResponse]


def widget_call(view: View) -> View:
    """Resolve the caller, or answer with problem+json (404 key or object, 401 session)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            caller = caller_of(request)
        except WidgetAccessError as exc:
            return problem(request, exc.status, exc.detail)
        try:
            return view(request, caller, *args, **kwargs)
        except Http404 as exc:
            return problem(request, 404, str(exc))

    return wrapper


def _signed_in(request: HttpRequest, caller: Caller) -> User | None:
    return caller.reader if isinstance(caller.reader, User) else None


@widget_call
def search(request: HttpRequest, caller: Caller) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:500]
    found = widget_search(caller.reader, q) if q else []
    return render(request, "widget/_results.html", {"found": found, "q": q})


@widget_call
def suggest(request: HttpRequest, caller: Caller) -> HttpResponse:
    text = request.GET.get("text", "").strip()
    found = widget_suggest(caller.reader, text) if len(text) >= 3 else []
    return render(request, "widget/_suggestions.html", {"found": found})


@widget_call
def article(request: HttpRequest, caller: Caller, article_id: int) -> HttpResponse:
    try:
        found = article_get_for(caller.reader, article_id)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    version = found.live_version
    body = markdown(version.body) if version else ""
    return render(request, "widget/_article.html", {"article": found, "body": body})


@widget_call
def requests(request: HttpRequest, caller: Caller) -> HttpResponse:
    """GET: the contact's recent requests; POST: open one (a signed-in contact only)."""
    user = _signed_in(request, caller)
    if user is None:
        return problem(request, 401, "Sign in through the vendor's product to open requests.")
    form = WidgetRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            with transaction.atomic(durable=True):
                ticket = widget_request_create(user=user, files=fields.pop("attachments"), **fields)
            return _request_page(request, user, ticket, sent=True)
        except ValidationError as exc:
            add_service_errors(form, exc)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "tickets": selectors.recent_requests(user)}
    return render(request, "widget/_requests.html", context, status=status)


@widget_call
def request_detail(request: HttpRequest, caller: Caller, ticket_id: int) -> HttpResponse:
    """GET: one of the contact's requests and its public thread; POST: reply to it."""
    user = _signed_in(request, caller)
    if user is None:
        return problem(request, 401, "Sign in through the vendor's product to see requests.")
    try:
        ticket = selectors.request_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    form = WidgetReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                widget_reply_add(
                    ticket=ticket,
                    user=user,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            return thread_page(request, ticket, reader=user, replied=True)
        except ValidationError as exc:
            add_service_errors(form, exc)
    status = 422 if request.method == "POST" else 200
    return thread_page(request, ticket, reader=user, form=form, status=status)


def _request_page(
    request: HttpRequest, user: User, ticket: Ticket, *, sent: bool = False
) -> HttpResponse:
    return thread_page(request, ticket, reader=user, sent=sent, status=201 if sent else 200)


def thread_page(
    request: HttpRequest,
    ticket: Ticket,
    *,
    reader: User | None,
    form: WidgetReplyForm | None = None,
    status: int = 200,
    **flags: bool,
) -> HttpResponse:
    """A request's public thread with its files and the reply form; `reader` None is a
    confirmed visitor (the caller checked their pass), who posts to the visitor URL."""
    replies = selectors.public_thread(ticket, reader)
    context = {
        "ticket": ticket,
        "replies": replies,
        "form": form or WidgetReplyForm(),
        "closed": ticket.status == Status.CLOSED,
        "visitor": reader is None,
        "max_files": VISITOR_MAX_FILES if reader is None else MAX_FILES,
        **flags,
    }
    return render(request, "widget/_request.html", context, status=status)

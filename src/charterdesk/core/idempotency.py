"""`Idempotency-Key` for API writes: a client that lost the answer to a write retries it
with the same key and body and gets the first answer (status and body) back, instead of a
second ticket, message, time entry or promise.

- `idempotent(view)` wraps a write handler (the API applies it to every POST, PUT, PATCH
  and DELETE operation). Keys are per user; the same key with another request (method, path
  or body) answers 422; a key whose write is still running answers 409.
- The key is stored by the handler's first write statement inside its transaction, so it
  commits or rolls back with the write: a write that failed leaves no key and may be
  retried; a write that committed always has one.
- `IdempotencyMiddleware` adds the answer to the stored key once it is sent.
- Keys are kept 24 hours (`KEEP`); `prune` (a periodic job in core.tasks) forgets older ones.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from django.db import IntegrityError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from .models import IdempotencyKey

HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
ATTRIBUTE = "_idempotency_claim"


@dataclass
class Claim:
    user_id: int
    key: str
    fingerprint: str
    stored: bool = False
    taken: bool = False  # another request stored the same key first


def fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def problem(request: HttpRequest, status: int, detail: str) -> JsonResponse:
    """RFC 9457 problem details, as the API answers every error."""
    title = {409: "Conflict", 422: "Invalid input"}[status]
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if status == 422:
        body["errors"] = {HEADER: [detail]}
    return JsonResponse(body, status=status, content_type="application/problem+json")


def _checked_key(request: HttpRequest) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    return key.strip()


def _replay(request: HttpRequest, earlier: IdempotencyKey, claim: Claim) -> HttpResponse:
    if earlier.fingerprint != claim.fingerprint:
        return problem(
            request,
            422,
            "This Idempotency-Key was used for a different request in the last 24 hours: "
            "use a new key for a new request.",
        )
    if earlier.status is None:
        return problem(
            request,
            409,
            "A request with this Idempotency-Key is still being processed, or its answer "
            "was not kept: read the resource before retrying.",
        )
    response = HttpResponse(bytes(earlier.body), status=earlier.status)
    response["Content-Type"] = earlier.content_type
    response["Idempotent-Replayed"] = "true"
    return response


def _store_with_first_write(claim: Claim) -> Callable[..., Any]:
    """A database execute wrapper: before the first write inside a transaction, store the
    key in that same transaction."""

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):  # type: ignore[no-untyped-def]
        write = sql.lstrip().upper().startswith(WRITES)
        if write and not claim.stored and context["connection"].in_atomic_block:
            claim.stored = True
            try:
                IdempotencyKey.objects.create(
                    user_id=claim.user_id,
                    key=claim.key,
                    fingerprint=claim.fingerprint,
                    created_at=timezone.now(),
                )
            except IntegrityError:
                claim.taken = True
                raise
        return execute(sql, params, many, context)

    return wrapper


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """Make an authenticated write handler (`request.auth` is the user) honour the header."""

    @wraps(view)
    def handle(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key, user = _checked_key(request), getattr(request, "auth", None)
        if key is None or user is None:
            return view(request, *args, **kwargs)
        if not 1 <= len(key) <= 255 or not key.isprintable():
            return problem(request, 422, "An Idempotency-Key has 1 to 255 printable characters.")
        claim = Claim(user.pk, key, fingerprint(request))
        earlier = IdempotencyKey.objects.filter(user_id=user.pk, key=key).first()
        if earlier is not None and earlier.created_at < timezone.now() - KEEP:
            earlier.delete()  # not yet pruned
            earlier = None
        if earlier is not None:
            return _replay(request, earlier, claim)
        setattr(request, ATTRIBUTE, claim)
        try:
            with connection.execute_wrapper(_store_with_first_write(claim)):
                return view(request, *args, **kwargs)
        except IntegrityError:
            if not claim.taken:
                raise
            return problem(request, 409, "A request with this Idempotency-Key is being processed.")

    return handle


class IdempotencyMiddleware:
    """Adds the answer to the key its write stored (after the commit)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        claim: Claim | None = getattr(request, ATTRIBUTE, None)
        if claim is None or not claim.stored or claim.taken:
            return response
        if response.status_code < 500 and not response.streaming:
            IdempotencyKey.objects.filter(user_id=claim.user_id, key=claim.key).update(
                status=response.status_code,
                content_type=response.get("Content-Type", ""),
                body=response.content,
            )
        return response


def prune(now: datetime) -> int:
    """Forget keys older than KEEP; returns how many."""
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=now - KEEP).delete()
    return deleted

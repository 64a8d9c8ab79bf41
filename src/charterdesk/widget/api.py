"""/api/v1/widget-keys: the help widget's signing keys, for managers and administrators
(a token with the `admin` scope). The secret is in the answer to the POST only."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.idempotency import idempotent
from charterdesk.core.validators import Id

from .models import WidgetKey
from .selectors import keys_for_settings
from .services import widget_key_create, widget_key_revoke

router = Router(tags=["widget"])


class KeyIn(Schema):
    name: str = Field(max_length=100)
    allowed_origins: list[Annotated[str, Field(max_length=300)]] = Field(max_length=20)
    create_contacts: bool = False
    anonymous_requests: bool = False


class KeyOut(Schema):
    id: int
    kid: str
    name: str
    allowed_origins: list[str]
    create_contacts: bool
    anonymous_requests: bool
    created_at: datetime
    revoked_at: datetime | None


class NewKeyOut(KeyOut):
    secret: str = Field(description="Shown once: keep it in the vendor's backend only.")


def _manager(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Only managers and administrators manage widget keys.")
    return user


@router.post("/widget-keys", response={201: NewKeyOut})
def create_key(request: HttpRequest, payload: KeyIn) -> Status[NewKeyOut]:
    """A new key; the answer holds its secret, which is never shown again."""
    user = _manager(request)
    with transaction.atomic(durable=True):
        new = widget_key_create(created_by=user, **payload.dict())
    out = KeyOut.from_orm(new.key).dict()
    return Status(201, NewKeyOut(**out, secret=new.secret))


@router.get("/widget-keys", response=list[KeyOut])
def list_keys(request: HttpRequest) -> list[WidgetKey]:
    """Every key, newest first, live and revoked (no secrets)."""
    _manager(request)
    return list(keys_for_settings()[:200])


@router.delete("/widget-keys/{key_id}", response=KeyOut)
def revoke_key(request: HttpRequest, key_id: Id) -> WidgetKey:
    """Revoke a key: tokens signed with it are refused, its widget sessions end."""
    _manager(request)
    with transaction.atomic(durable=True):
        key = get_object_or_404(WidgetKey.objects.select_for_update(), pk=key_id)
        widget_key_revoke(key=key)
    return key


# Every write honours the Idempotency-Key header, as the API's own routers do.
for _path in router.path_operations.values():
    for _operation in _path.operations:
        if {"POST", "DELETE"} & set(_operation.methods):
            _operation.view_func = idempotent(_operation.view_func)

"""Outgoing webhooks in the REST API (support managers): `/webhooks` CRUD, the
deliveries of one, and a test ping. The secret is write-only."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.pagination import page_of
from charterdesk.core.validators import Id

from . import services
from .models import WebhookDelivery, WebhookEndpoint
from .schemas import (
    DeliveryOut,
    DeliveryPage,
    PageFilters,
    WebhookIn,
    WebhookOut,
    WebhookPage,
    WebhookPatch,
)
from .selectors import endpoint_get_for, endpoints_for
from .sweep import attempt

router = Router(tags=["webhooks"])


@router.get("/webhooks", response=WebhookPage)
def list_webhooks(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    rows = endpoints_for(user_of(request))
    items, next_url = page_of(request, rows, filters.cursor, filters.limit)
    return {"items": items, "next": next_url}


@router.post("/webhooks", response={201: WebhookOut})
def create_webhook(request: HttpRequest, payload: WebhookIn) -> Status[WebhookEndpoint]:
    with transaction.atomic(durable=True):
        endpoint = services.endpoint_create(user_of(request), now=timezone.now(), **payload.dict())
    return Status(201, endpoint)


@router.get("/webhooks/{webhook_id}", response=WebhookOut)
def get_webhook(request: HttpRequest, webhook_id: Id) -> WebhookEndpoint:
    return endpoint_get_for(user_of(request), webhook_id)


@router.patch("/webhooks/{webhook_id}", response=WebhookOut)
def change_webhook(request: HttpRequest, webhook_id: Id, payload: WebhookPatch) -> WebhookEndpoint:
    with transaction.atomic(durable=True):
        endpoint = endpoint_get_for(user_of(request), webhook_id, lock=True)
        return services.endpoint_update(
            user_of(request), endpoint, **payload.dict(exclude_unset=True)
        )


@router.delete("/webhooks/{webhook_id}", response={204: None})
def delete_webhook(request: HttpRequest, webhook_id: Id) -> Status[None]:
    with transaction.atomic(durable=True):
        endpoint = endpoint_get_for(user_of(request), webhook_id, lock=True)
        services.endpoint_delete(user_of(request), endpoint)
    return Status(204, None)


@router.get("/webhooks/{webhook_id}/deliveries", response=DeliveryPage)
def list_deliveries(
    request: HttpRequest, webhook_id: Id, filters: Query[PageFilters]
) -> dict[str, Any]:
    endpoint = endpoint_get_for(user_of(request), webhook_id)
    rows = WebhookDelivery.objects.filter(endpoint=endpoint).defer("body")
    items, next_url = page_of(request, rows, filters.cursor, filters.limit)
    return {"items": items, "next": next_url}


@router.post("/webhooks/{webhook_id}/ping", response={201: DeliveryOut})
def ping_webhook(request: HttpRequest, webhook_id: Id) -> Status[WebhookDelivery]:
    """Send a signed `ping` now; the answer is in the delivery returned."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        endpoint = endpoint_get_for(user_of(request), webhook_id)
        delivery = services.endpoint_ping(user_of(request), endpoint, now)
    return Status(201, attempt(delivery.pk, now))


@router.post("/webhooks/{webhook_id}/deliveries/{delivery_id}/resend", response=DeliveryOut)
def resend_delivery(request: HttpRequest, webhook_id: Id, delivery_id: Id) -> WebhookDelivery:
    """One more attempt for a delivery that gave up, sent once this commits."""
    with transaction.atomic(durable=True):
        endpoint = endpoint_get_for(user_of(request), webhook_id)
        delivery = WebhookDelivery.objects.select_for_update().get(
            pk=delivery_id, endpoint=endpoint
        )
        services.delivery_resend(user_of(request), delivery, timezone.now())
    return delivery

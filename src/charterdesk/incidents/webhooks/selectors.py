"""Reads of the webhook pages and API: support managers only (the pages' decorator checks
it too)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from .models import DeliveryState, WebhookDelivery, WebhookEndpoint


def endpoints_for(user: User) -> QuerySet[WebhookEndpoint]:
    if not user.has_perm(Perm.MANAGE_SERVICES):
        raise PermissionDenied("Only support managers see webhooks.")
    return WebhookEndpoint.objects.all()


def endpoint_get_for(user: User, endpoint_id: int, *, lock: bool = False) -> WebhookEndpoint:
    """One endpoint; DoesNotExist when there is none."""
    rows = endpoints_for(user)
    return (rows.select_for_update() if lock else rows).get(pk=endpoint_id)


def endpoints_listed() -> QuerySet[WebhookEndpoint]:
    """Endpoints with how many deliveries wait and how many gave up, in one query."""
    return WebhookEndpoint.objects.annotate(
        waiting=Count("deliveries", filter=Q(deliveries__state=DeliveryState.PENDING)),
        given_up=Count("deliveries", filter=Q(deliveries__state=DeliveryState.FAILED)),
    ).order_by("name", "id")


def deliveries_of(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return endpoint.deliveries.defer("body").order_by("-created_at", "-id")

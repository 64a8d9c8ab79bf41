import json
import time
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.webhooks import signing
from charterdesk.incidents.webhooks.models import DeliveryState, WebhookDelivery, WebhookEvent
from charterdesk.incidents.webhooks.services import endpoint_create
from charterdesk.incidents.webhooks.sweep import claim, sweep
from charterdesk.mail.models import OutboundMail
from tests.incidents.factories import acme_outage, service

SECRET = "s3cret-of-the-receiver"  # noqa: S105 - a test secret
ALL = [e.value for e in WebhookEvent if e != WebhookEvent.PING]


def _endpoint(personas, url, events=None, secret=SECRET):  # type: ignore[no-untyped-def]
    return endpoint_create(
        personas.manager,
        name="Ops chat",
        url=url,
        events=events or ALL,
        secret=secret,
        now=timezone.now(),
    )


def test_it_posts_the_event_signed_with_the_endpoint_secret(personas, hooks):
    _endpoint(personas, hooks.url)
    acme_outage(personas)
    sweep(timezone.now())
    events = [json.loads(r.body)["event"] for r in hooks.requests]
    assert events == ["incident.created", "incident.qualified"]
    first = hooks.requests[0]
    assert first.headers["CharterDesk-Event"] == "incident.created"
    assert signing.verify(
        "s3cret-of-the-receiver",
        first.headers["CharterDesk-Signature"],
        first.body,
        int(time.time()),
    )
    assert not signing.verify(
        "another-secret-entirely",
        first.headers["CharterDesk-Signature"],
        first.body,
        int(time.time()),
    )
    assert json.loads(first.body)["data"]["incident"]["title"] == "Cloud is down"
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"succeeded"}


def test_an_old_signature_is_refused_by_the_reference_check():
    body = b'{"event":"ping"}'
    old = int(time.time()) - 3600
    assert not signing.verify("k" * 20, signing.header("k" * 20, old, body), body, int(time.time()))


def test_an_endpoint_receives_only_the_events_it_chose(personas, hooks):
    _endpoint(personas, hooks.url, events=["incident.resolved"])
    incident = acme_outage(personas)
    sweep(timezone.now())
    assert hooks.requests == []
    services.incident_resolve(incident, personas.tier3, message="Fixed.", now=timezone.now())
    sweep(timezone.now())
    body = json.loads(hooks.requests[0].body)
    assert (body["event"], body["data"]["update"]["message"]) == ("incident.resolved", "Fixed.")


def test_a_failed_delivery_is_retried_with_backoff(personas, hooks):
    _endpoint(personas, hooks.url, events=["incident.created"])
    hooks.status = 503
    now = timezone.now()
    services.incident_open(personas.tier1, title="Slow", services=[service()], now=now)
    sweep(now)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("pending", 1, 503)
    assert delivery.next_attempt_at == now + timedelta(minutes=1)
    assert sweep(now + timedelta(seconds=30)) == []
    hooks.status = 200
    assert sweep(now + timedelta(minutes=1)) == [delivery.pk]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("succeeded", 2, 200)
    assert hooks.requests[0].body == hooks.requests[1].body  # the same bytes each time


def test_a_delivery_gives_up_when_its_attempts_run_out(personas, hooks):
    _endpoint(personas, hooks.url, events=["incident.created"])
    hooks.status = 500
    now = timezone.now()
    services.incident_open(personas.tier1, title="Down", services=[service()], now=now)
    WebhookDelivery.objects.update(max_attempts=2)
    sweep(now)
    sweep(now + timedelta(minutes=1))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, 2)
    assert sweep(now + timedelta(days=1)) == []


def test_an_endpoint_failing_again_and_again_is_turned_off_and_managers_told(
    personas, hooks, settings
):
    settings.WEBHOOKS_DISABLE_AFTER = 3
    endpoint = _endpoint(personas, hooks.url, events=["incident.created"])
    hooks.status = 500
    now = timezone.now()
    for n in range(4):
        services.incident_open(personas.tier1, title=f"Down {n}", services=[service()], now=now)
    sweep(now)
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert len(hooks.requests) == 3  # the fourth waits until it is turned on again
    notice = OutboundMail.objects.get(subject__startswith="Webhook turned off")
    assert notice.to == ["manager@charterdesk.example"]
    assert "3 failed deliveries in a row" in notice.text
    assert mail.outbox == []  # queued in the outbox, sent by the worker


def test_two_workers_never_claim_one_delivery(personas, hooks):
    _endpoint(personas, hooks.url, events=["incident.created"])
    now = timezone.now()
    services.incident_open(personas.tier1, title="Down", services=[service()], now=now)
    first, second = claim(now), claim(now)
    assert (len(first), second) == (1, [])
    assert claim(now + timedelta(minutes=6)) == first  # a claim lost with its worker expires


def test_old_deliveries_are_forgotten_the_given_up_ones_later(personas, hooks):
    _endpoint(personas, hooks.url, events=["incident.created"])
    now = timezone.now()
    for title in ("Old", "Given up", "Recent"):
        services.incident_open(personas.tier1, title=title, services=[service()], now=now)
    sweep(now)
    old, given_up, recent = WebhookDelivery.objects.order_by("pk")
    WebhookDelivery.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=31))
    WebhookDelivery.objects.filter(pk=given_up.pk).update(
        created_at=now - timedelta(days=31), state=DeliveryState.FAILED
    )
    sweep(now)
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {given_up.pk, recent.pk}
    WebhookDelivery.objects.filter(pk=given_up.pk).update(created_at=now - timedelta(days=91))
    sweep(now)
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {recent.pk}

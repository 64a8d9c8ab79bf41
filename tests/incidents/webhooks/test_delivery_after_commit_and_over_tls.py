import json

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.webhooks.models import WebhookDelivery
from charterdesk.incidents.webhooks.services import endpoint_create
from charterdesk.incidents.webhooks.tasks import deliver_webhooks
from tests.incidents.factories import service
from tests.incidents.monitors.servers import tls_server


def test_a_change_is_posted_only_once_it_commits(
    personas, hooks, django_capture_on_commit_callbacks
):
    endpoint_create(
        personas.manager, name="Ops", url=hooks.url, events=["incident.created"], now=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.incident_open(
            personas.tier1, title="Down", services=[service()], now=timezone.now()
        )
    assert hooks.requests == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()  # the tests' task backend runs the enqueued task at once
    delivery = WebhookDelivery.objects.get()
    assert json.loads(hooks.requests[0].body)["event"] == "incident.created"
    assert (delivery.state, delivery.attempts) == ("succeeded", 1)
    assert deliver_webhooks.call([delivery.pk]) == 0  # sent once, not twice


def test_an_https_receiver_must_present_a_valid_certificate_for_its_name(personas, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    with tls_server(days_left=60) as port:
        endpoint = endpoint_create(
            personas.manager,
            name="Self-signed",
            url=f"https://localhost:{port}/hook",
            events=["incident.created"],
            now=timezone.now(),
        )
        services.incident_open(
            personas.tier1, title="Down", services=[service()], now=timezone.now()
        )
        deliver_webhooks.call(list(endpoint.deliveries.values_list("pk", flat=True)))
    delivery = WebhookDelivery.objects.get()
    assert delivery.response_code is None
    assert "CERTIFICATE_VERIFY_FAILED" in delivery.error

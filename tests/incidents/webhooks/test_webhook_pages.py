import json

from django.utils import timezone

from charterdesk.core.models import AuditEntry
from charterdesk.incidents.webhooks import signing
from charterdesk.incidents.webhooks.models import WebhookDelivery, WebhookEndpoint
from charterdesk.incidents.webhooks.services import endpoint_create

PAGE = "/desk/incidents/webhooks"


def _add(personas, url="https://hooks.example.com/in", name="Ops chat"):  # type: ignore[no-untyped-def]
    return endpoint_create(
        personas.manager, name=name, url=url, events=["incident.created"], now=timezone.now()
    )


def test_a_manager_adds_a_webhook_and_sees_its_secret_once(personas, login):
    client = login(personas.manager)
    response = client.post(
        PAGE,
        {
            "name": "Ops chat",
            "url": "https://hooks.example.com/in",
            "events": ["incident.created", "incident.resolved"],
            "is_active": "on",
        },
        follow=True,
    )
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["incident.created", "incident.resolved"]
    page = response.content.decode()
    assert f"Its secret: {endpoint.secret}" in page
    assert "Nothing sent yet" in page
    assert endpoint.secret not in client.get(f"{PAGE}/{endpoint.pk}").content.decode()


def test_a_webhook_without_events_or_with_a_bad_address_is_refused_with_words(personas, login):
    client = login(personas.manager)
    response = client.post(PAGE, {"name": "X", "url": "ftp://nowhere", "events": []})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid URL." in page
    assert "This field is required." in page
    response = client.post(
        PAGE, {"name": "X", "url": "http://10.0.0.5/hook", "events": ["incident.created"]}
    )
    assert "Webhooks cannot go to 10.0.0.5 is a private address." in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_test_ping_reaches_the_receiver_signed_and_shows_in_the_deliveries(
    personas, login, hooks
):
    endpoint = _add(personas, url=hooks.url)
    client = login(personas.manager)
    response = client.post(f"{PAGE}/{endpoint.pk}/ping", follow=True)
    page = response.content.decode()
    assert "Test ping delivered: HTTP 200." in page
    assert "Test ping" in page and "Delivered" in page and "HTTP 200" in page
    received = hooks.requests[0]
    assert json.loads(received.body)["event"] == "ping"
    assert signing.verify(
        endpoint.secret,
        received.headers["CharterDesk-Signature"],
        received.body,
        int(timezone.now().timestamp()),
    )


def test_a_failed_ping_says_why(personas, login, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    endpoint = _add(personas, url="http://localhost:9/hook")
    response = login(personas.manager).post(f"{PAGE}/{endpoint.pk}/ping", follow=True)
    assert "Test ping failed: Refused: localhost resolves to" in response.content.decode()
    assert WebhookDelivery.objects.get().state == "failed"


def test_editing_keeps_the_secret_when_none_is_given_and_turning_on_clears_failures(
    personas, login
):
    endpoint = _add(personas)
    secret = endpoint.secret
    endpoint.is_active, endpoint.consecutive_failures = False, 10
    endpoint.disabled_reason = "Turned off after 10 failed deliveries in a row"
    endpoint.save()
    client = login(personas.manager)
    assert "Turned off after 10" in client.get(f"{PAGE}/{endpoint.pk}").content.decode()
    client.post(
        f"{PAGE}/{endpoint.pk}",
        {"name": "Renamed", "url": endpoint.url, "events": ["incident.updated"], "is_active": "on"},
    )
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.events, endpoint.secret) == (
        "Renamed",
        ["incident.updated"],
        secret,
    )
    assert (endpoint.is_active, endpoint.consecutive_failures, endpoint.disabled_reason) == (
        True,
        0,
        "",
    )


def test_only_managers_see_the_webhooks(personas, login, client):
    _add(personas)
    assert login(personas.tier1).get(PAGE).status_code == 403
    client.force_login(personas.alice)
    assert client.get(PAGE).status_code == 404


def test_the_list_reads_a_fixed_number_of_queries(personas, login, django_assert_max_num_queries):
    for n in range(8):
        _add(personas, name=f"Hook {n}")
    client = login(personas.manager)
    with django_assert_max_num_queries(8):
        page = client.get(PAGE).content.decode()
    assert "Hook 7" in page and "0 waiting" in page


def test_deleting_a_webhook_removes_its_deliveries(personas, login, hooks):
    endpoint = _add(personas, url=hooks.url)
    client = login(personas.manager)
    client.post(f"{PAGE}/{endpoint.pk}/ping")
    client.post(f"{PAGE}/{endpoint.pk}/delete")
    assert not WebhookEndpoint.objects.exists() and not WebhookDelivery.objects.exists()


def test_changes_to_a_webhook_are_in_the_audit_log_without_the_secret(personas, login):
    endpoint = _add(personas)
    login(personas.manager).post(
        f"{PAGE}/{endpoint.pk}",
        {
            "name": "Ops chat",
            "url": endpoint.url,
            "events": ["incident.created"],
            "secret": "a-brand-new-secret-value",
            "is_active": "on",
        },
    )
    entries = AuditEntry.objects.filter(kind="incidents.webhookendpoint").order_by("pk")
    assert [e.action for e in entries] == ["created", "changed"]
    assert "secret" in entries[1].changes
    assert "a-brand-new-secret-value" not in str(entries[1].changes)
    assert endpoint.secret not in str([e.changes for e in entries])


def test_a_delivery_that_gave_up_is_sent_again_from_the_page(
    personas, login, hooks, django_capture_on_commit_callbacks
):
    endpoint = _add(personas, url=hooks.url)
    hooks.status = 500
    client = login(personas.manager)
    client.post(f"{PAGE}/{endpoint.pk}/ping")
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed"
    assert "Send again" in client.get(f"{PAGE}/{endpoint.pk}").content.decode()
    hooks.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PAGE}/{endpoint.pk}/deliveries/{delivery.pk}/resend", follow=True)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("succeeded", 2, 200)
    assert "Sent again" in response.content.decode()
    assert len(hooks.requests) == 2
    again = client.post(f"{PAGE}/{endpoint.pk}/deliveries/{delivery.pk}/resend", follow=True)
    assert "Only a delivery that gave up is sent again." in again.content.decode()

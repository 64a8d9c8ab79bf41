import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.webhooks import guard
from charterdesk.incidents.webhooks.models import WebhookDelivery
from charterdesk.incidents.webhooks.services import endpoint_create
from charterdesk.incidents.webhooks.sweep import sweep
from tests.incidents.factories import service

from .receiver import receiver


def test_a_name_that_resolves_to_loopback_is_refused_when_sending(personas, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with receiver() as hooks:
        url = hooks.url.replace("127.0.0.1", "localhost")
        endpoint_create(
            personas.manager,
            name="Sneaky",
            url=url,
            events=["incident.created"],
            now=timezone.now(),
        )
        services.incident_open(
            personas.tier1, title="Down", services=[service()], now=timezone.now()
        )
        sweep(timezone.now())
    delivery = WebhookDelivery.objects.get()
    assert hooks.requests == []
    assert delivery.response_code is None
    assert "localhost resolves to" in delivery.error
    assert "loopback address" in delivery.error


def test_the_same_receiver_is_reached_when_the_setting_allows_private_addresses(personas, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    with receiver() as hooks:
        url = hooks.url.replace("127.0.0.1", "localhost")
        endpoint_create(
            personas.manager, name="Local", url=url, events=["incident.created"], now=timezone.now()
        )
        services.incident_open(
            personas.tier1, title="Down", services=[service()], now=timezone.now()
        )
        sweep(timezone.now())
    assert len(hooks.requests) == 1
    assert WebhookDelivery.objects.get().response_code == 200


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - the address under test
    ],
)
def test_addresses_that_are_not_public_are_named(settings, address, kind):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    article = "an" if kind == "unspecified" else "a"
    assert guard.problem(address) == f"{address} is {article} {kind} address"


def test_a_public_address_passes(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    assert guard.problem("93.184.215.14") == ""


def test_an_endpoint_written_as_a_private_address_is_refused_at_once(personas, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError) as caught:
        endpoint_create(
            personas.manager,
            name="Metadata",
            url="http://169.254.169.254/latest",
            events=["incident.created"],
            now=timezone.now(),
        )
    assert "link-local" in caught.value.message_dict["url"][0]

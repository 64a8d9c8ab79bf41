import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.products.models import Product, ProductVersion
from charterdesk.tickets.models import TicketEvent
from charterdesk.tickets.services import ticket_record_cause, ticket_update
from charterdesk.tickets.wording import event_line

from .factories import open_ticket


def _cloud(*versions: str) -> Product:
    cloud = Product.objects.create(name="Cloud", slug="cloud")
    for version in versions:
        ProductVersion.objects.create(product=cloud, version=version, released_on="2026-01-05")
    return cloud


def test_the_cause_product_and_version_are_in_the_history(personas):
    cloud = _cloud("4.2")
    ticket = open_ticket()
    changed = ticket_record_cause(
        ticket, by=personas.tier1, cause="product_defect", product="cloud", version="4.2"
    )
    assert changed == ["product", "product_version", "root_cause"]
    lines = TicketEvent.objects.filter(ticket=ticket, field__in=changed).order_by("pk")
    assert [event_line(e) for e in lines] == [
        "Product: — → Cloud",
        "Product version: — → 4.2",
        "Root cause: — → Product defect",
    ]
    assert lines.get(field="root_cause").internal
    ticket.refresh_from_db()
    assert (ticket.product_ref, ticket.product_version.version) == (cloud, "4.2")


def test_a_version_outside_the_catalogue_is_a_field_error(personas):
    _cloud("4.2")
    ticket = open_ticket()
    with pytest.raises(ValidationError, match="no version 9.9"):
        ticket_record_cause(ticket, by=personas.tier1, cause="", product="Cloud", version="9.9")


def test_an_unknown_cause_is_a_field_error_and_customers_cannot_record_one(personas):
    ticket = open_ticket()
    with pytest.raises(ValidationError, match="Use one of"):
        ticket_record_cause(ticket, by=personas.tier1, cause="gremlins", product="", version="")
    with pytest.raises(PermissionDenied):
        ticket_record_cause(ticket, by=personas.alice, cause="user_error", product="", version="")


def test_solving_needs_a_cause_when_the_setting_requires_it(personas, settings):
    settings.ROOT_CAUSE_REQUIRED = True
    ticket = open_ticket()
    with pytest.raises(ValidationError, match="Record the root cause"):
        ticket_update(ticket, personas.tier1, status="solved")
    ticket_record_cause(ticket, by=personas.tier1, cause="user_error", product="", version="")
    assert ticket_update(ticket, personas.tier1, status="solved") == ["status"]


def test_solving_without_a_cause_is_fine_by_default(personas):
    ticket = open_ticket()
    assert ticket_update(ticket, personas.tier1, status="solved") == ["status"]


def test_agent_records_the_cause_and_solves_in_one_api_call(api, personas, settings):
    settings.ROOT_CAUSE_REQUIRED = True
    _cloud("7")
    ticket = open_ticket()
    url = f"/api/v1/tickets/{ticket.pk}"
    cause = {"root_cause": "configuration", "product": "Cloud", "product_version": "7"}
    response = api.as_(personas.tier1).patch(
        url,
        json.dumps({"status": "solved", **cause}),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["root_cause"], body["product_version"]) == (
        "solved",
        "configuration",
        "7",
    )
    assert api.as_(personas.alice).get(url).json()["root_cause"] == ""

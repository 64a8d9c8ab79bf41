"""A new request names its product's version: the portal offers the chosen product's
versions, the API takes `version`; a version of another product is a field error."""

from charterdesk.tickets.models import Ticket
from tests.products.factories import product, version_of

REQUEST = {"request_type": "error", "priority": "normal", "subject": "Checkout broken",
           "body": "It fails."}  # fmt: skip


def _post(client, **fields):
    return client.post("/api/v1/tickets", fields, content_type="application/json")


def test_a_customer_picks_the_version_of_the_product_in_the_portal(personas, login):
    made = product("Storefront", "4.0", "4.1")
    client = login(personas.alice)
    form = client.get("/portal/new/").content.decode()
    assert '<optgroup label="Storefront">' in form

    picked = version_of(made, "4.1")
    response = client.post(
        "/portal/new/", {**REQUEST, "product": "Storefront", "version": picked.pk}
    )

    assert response.status_code == 302
    ticket = Ticket.objects.get(subject="Checkout broken")
    assert (ticket.product_ref, ticket.product_version) == (made, picked)
    assert "<dd>Storefront 4.1</dd>" in client.get(response["Location"]).content.decode()


def test_a_version_of_another_product_is_a_field_error_in_the_portal(personas, login):
    product("Storefront", "4.1")
    payments = product("Payments", "2.0")
    response = login(personas.alice).post(
        "/portal/new/",
        {**REQUEST, "product": "Storefront", "version": version_of(payments, "2.0").pk},
    )
    assert response.status_code == 200
    assert "Pick a version of the chosen product." in response.content.decode()
    assert not Ticket.objects.filter(subject="Checkout broken").exists()


def test_a_version_without_a_product_is_a_field_error_in_the_portal(personas, login):
    made = product("Storefront", "4.1")
    response = login(personas.alice).post(
        "/portal/new/", {**REQUEST, "product": "", "version": version_of(made, "4.1").pk}
    )
    assert "Pick a version of the chosen product." in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_api_opens_a_ticket_with_a_product_and_its_version(personas, api):
    made = product("Storefront", "4.0", "4.1")
    response = _post(
        api.as_(personas.alice), subject="Help", body="It broke.", product="storefront",
        version="4.0",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["product_version"] == "4.0"
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert (ticket.product_ref, ticket.product_version) == (made, version_of(made, "4.0"))


def test_the_api_refuses_a_version_of_another_product(personas, api):
    product("Storefront", "4.1")
    product("Payments", "2.0")
    response = _post(
        api.as_(personas.alice), subject="Help", body="It broke.", product="Storefront",
        version="2.0",
    )  # fmt: skip
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"]["version"] == ["Storefront has no version 2.0."]
    assert not Ticket.objects.exists()


def test_the_api_refuses_a_version_of_a_product_outside_the_catalogue(personas, api):
    product("Storefront", "4.1")
    client = api.as_(personas.alice)
    unknown = _post(client, subject="Help", body="It broke.", product="Gadget", version="1.0")
    nameless = _post(client, subject="Help", body="It broke.", version="4.1")
    assert unknown.status_code == nameless.status_code == 422
    assert "product" in unknown.json()["errors"]
    assert "version" in nameless.json()["errors"]
    assert not Ticket.objects.exists()

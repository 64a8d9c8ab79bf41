"""An agent opening a ticket for a caller names the product and one of its versions, as
the portal and the API do; a version of another product is a field error, not a ticket."""

from charterdesk.tickets.models import Ticket
from tests.products.factories import product, version_of

CALL = {
    "requester_email": "bob@globex.example",
    "channel": "phone",
    "subject": "Checkout returns error 502",
    "body": "Bob called: checkout fails since 10:00.",
    "request_type": "error",
    "priority": "high",
}


def test_the_ticket_names_the_chosen_products_version(personas, login):
    storefront = product("Storefront", "4.0", "4.1")
    client = login(personas.tier1)
    page = client.get("/desk/tickets/new").content.decode()
    assert '<optgroup label="Storefront">' in page
    chosen = version_of(storefront, "4.1")
    response = client.post(
        "/desk/tickets/new", {**CALL, "product": "Storefront", "version": str(chosen.pk)}
    )
    assert response.status_code == 302, response.content
    ticket = Ticket.objects.get(subject=CALL["subject"])
    assert (ticket.product, ticket.product_ref, ticket.product_version) == (
        "Storefront",
        storefront,
        chosen,
    )
    assert "Storefront" in client.get(f"/desk/tickets/{ticket.pk}/").content.decode()


def test_a_version_of_another_product_is_a_field_error(personas, login):
    product("Storefront", "4.1")
    payments = product("Payments", "2.0")
    response = login(personas.tier1).post(
        "/desk/tickets/new",
        {**CALL, "product": "Storefront", "version": str(version_of(payments, "2.0").pk)},
    )
    assert response.status_code == 200
    assert "Pick a version of the chosen product." in response.content.decode()
    assert not Ticket.objects.filter(subject=CALL["subject"]).exists()


def test_without_a_catalogue_nothing_is_asked(personas, login):
    page = login(personas.tier1).get("/desk/tickets/new").content.decode()
    assert 'name="product"' not in page and 'name="version"' not in page

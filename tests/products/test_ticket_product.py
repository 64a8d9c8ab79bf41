import re

from charterdesk.products.models import Product
from charterdesk.tickets.models import Ticket, TicketEvent
from tests.products.factories import product, version_of
from tests.tickets.factories import open_ticket


def test_a_ticket_opened_with_a_catalogue_name_points_at_the_product(personas):
    made = product("Storefront")
    ticket = open_ticket(product="storefront")
    assert ticket.product_ref == made


def test_an_unknown_product_name_stays_free_text(personas, api):
    response = api.as_(personas.alice).post(
        "/api/v1/tickets",
        {"subject": "Help", "body": "It broke.", "product": "Gadget"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["product"] == "Gadget"
    assert not Product.objects.filter(name="Gadget").exists()


def test_an_agent_picks_the_product_and_version_and_the_history_says_so(personas, login):
    made = product("Storefront", "4.0", "4.1")
    ticket = open_ticket()
    client = login(personas.tier1)
    response = client.post(
        f"/desk/tickets/{ticket.pk}/product",
        {"product": made.pk, "product_version": version_of(made, "4.1").pk},
    )
    assert response.status_code == 302
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "Product: — → Storefront" in page
    assert "Product version: — → 4.1" in page
    ticket.refresh_from_db()
    assert (ticket.product, ticket.product_version.version) == ("Storefront", "4.1")


def test_a_version_of_another_product_is_a_field_error(personas, login):
    storefront, other = product("Storefront"), product("Payments", "2.0")
    ticket = open_ticket()
    response = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/product",
        {"product": storefront.pk, "product_version": version_of(other, "2.0").pk},
    )
    assert response.status_code == 200
    assert "Pick a version of the ticket&#x27;s product." in response.content.decode()
    assert not TicketEvent.objects.filter(ticket=ticket, field="product").exists()


def test_the_api_still_shows_the_product_by_name(personas, api):
    made = product("Storefront")
    ticket = open_ticket(product="Storefront")
    shown = api.as_(personas.tier1).get(f"/api/v1/tickets/{ticket.pk}").json()
    assert shown["product"] == made.name


def test_a_customer_picks_the_product_from_the_catalogue_in_the_portal(personas, login):
    made = product("Storefront")
    Product.objects.filter(pk=product("Retired").pk).update(active=False)
    client = login(personas.alice)
    form = client.get("/portal/new/").content.decode()
    assert "Storefront" in form and "Retired" not in form
    client.post(
        "/portal/new/",
        {
            "request_type": "error",
            "priority": "normal",
            "subject": "Checkout broken",
            "body": "It fails.",
            "product": "Storefront",
        },
    )

    ticket = Ticket.objects.get(subject="Checkout broken")
    assert (ticket.product, ticket.product_ref) == ("Storefront", made)


def test_a_product_outside_the_catalogue_is_a_form_error_in_the_portal(personas, login):
    product("Storefront")
    response = login(personas.alice).post(
        "/portal/new/",
        {"request_type": "error", "priority": "normal", "subject": "X", "body": "Y",
         "product": "Gadget"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_ticket_page_groups_the_versions_by_their_product(personas, login):
    product("Storefront", "4.0", "4.1")
    product("Payments", "2.0")
    ticket = open_ticket(product="Storefront")
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    versions = page[page.index('<select name="product_version"') :]
    versions = versions[: versions.index("</select>")]
    assert '<optgroup label="Payments">' in versions
    storefront = versions[versions.index('<optgroup label="Storefront">') :]
    assert re.findall(r">([^<]+)</option>", storefront) == ["4.1", "4.0"]
    assert "Storefront 4.0" not in versions  # each option is the version alone


def test_a_product_taken_out_of_the_catalogue_stays_on_the_ticket_when_its_panel_is_saved(
    personas, login
):
    made = product("Legacy Suite", "7.2", "7.3")
    ticket = open_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(
        product_ref=made, product="Legacy Suite", product_version=version_of(made, "7.2")
    )
    Product.objects.filter(pk=made.pk).update(active=False)
    client = login(personas.tier1)
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    # both drop-downs still offer (and select) what the ticket names
    assert re.search(rf'<option value="{made.pk}" selected>Legacy Suite</option>', page)
    version = version_of(made, "7.2")
    assert re.search(rf'<option value="{version.pk}" selected>7.2</option>', page)
    # the browser posts the selected values back: nothing changes, nothing is dropped
    response = client.post(
        f"/desk/tickets/{ticket.pk}/product", {"product": made.pk, "product_version": version.pk}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.product_ref_id, ticket.product_version_id) == (made.pk, version.pk)
    assert not TicketEvent.objects.filter(ticket=ticket, field__startswith="product").exists()
    # another version of the retired product may still be picked on this ticket
    other = version_of(made, "7.3")
    client.post(
        f"/desk/tickets/{ticket.pk}/product", {"product": made.pk, "product_version": other.pk}
    )
    ticket.refresh_from_db()
    assert ticket.product_version_id == other.pk


def test_a_product_taken_out_of_the_catalogue_cannot_be_put_on_another_ticket(personas, login):
    made = product("Legacy Suite", "7.2")
    Product.objects.filter(pk=made.pk).update(active=False)
    ticket = open_ticket()
    client = login(personas.tier1)
    assert "Legacy Suite" not in client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    response = client.post(f"/desk/tickets/{ticket.pk}/product", {"product": made.pk})
    assert response.status_code == 200
    assert "Legacy Suite is no longer offered." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.product_ref_id is None


def test_the_ticket_page_offers_active_products_and_keeps_the_tickets_retired_one(personas, login):
    product("Storefront", "4.0")
    retired = product("Legacy", "1.0")
    Product.objects.filter(pk=retired.pk).update(active=False)
    on_legacy, other = open_ticket(product="Legacy"), open_ticket()
    client = login(personas.tier1)
    for ticket, legacy_offered in ((on_legacy, True), (other, False)):
        page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
        products = page[page.index('<select name="product"') :]
        products = products[: products.index("</select>")]
        names = re.findall(r">([^<]+)</option>", products)
        assert ("Legacy" in names) is legacy_offered and "Storefront" in names
        assert names == ["—", *sorted(n for n in names if n != "—")]
        selected = re.findall(r'<option value="(\d*)" selected>', products)
        assert selected == [str(retired.pk) if legacy_offered else ""]

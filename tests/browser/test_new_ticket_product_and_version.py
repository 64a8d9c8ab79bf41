"""An agent opens a ticket for a caller, picks the product and then one of its versions
only; the ticket is opened with both, shown on its page, whose product panel offers only
the chosen product's versions too; on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from charterdesk.tickets.models import Ticket
from tests.products.factories import product

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_new_ticket_form_offers_the_chosen_products_versions(
    browser, live_server, live_personas, size
):
    product("Storefront", "4.0", "4.1")
    product("Payments", "2.0")
    context = browser.new_context(base_url=live_server.url, viewport=size)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/")
    page.get_by_role("main").get_by_role("link", name="New ticket").click()
    form = page.locator("form.new-ticket")
    version = form.get_by_label("Version")
    expect(version).to_be_hidden()
    form.get_by_label("Product").select_option("Storefront")
    expect(version.locator("option")).to_have_text(["Not sure", "4.1", "4.0"])
    version.select_option(label="4.0")
    form.get_by_label("Product").select_option("Payments")
    expect(version.locator("option")).to_have_text(["Not sure", "2.0"])
    expect(version).to_have_value("")  # 4.0 is not a Payments version
    version.select_option(label="2.0")
    form.get_by_label("Product").select_option("")
    expect(version).to_be_hidden()
    form.get_by_label("Product").select_option("Payments")
    version.select_option(label="2.0")

    form.get_by_label("Requester").fill("alice@acme.example")
    form.get_by_label("Subject").fill("Refunds fail since 2.0")
    form.get_by_label("What they need").fill("The refund button does nothing since the update.")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    width = "phone" if size is PHONE else "desktop"
    page.screenshot(path=str(DOCS_IMG / f"desk-new-ticket-product-{width}.png"), full_page=True)
    form.get_by_role("button", name="Open ticket").click()

    expect(page.get_by_text("opened for")).to_be_visible()
    ticket = Ticket.objects.get(subject="Refunds fail since 2.0")
    assert ticket.product == "Payments"
    assert ticket.product_version is not None and ticket.product_version.version == "2.0"
    panel = page.locator("form#product")
    expect(panel.locator("select[name=product] option:checked")).to_have_text("Payments")
    panel_version = panel.locator("select[name=product_version]")
    expect(panel_version.locator("option:checked")).to_have_text("2.0")
    expect(panel_version.locator("option")).to_have_text(["—", "2.0"])  # Payments' only
    page.screenshot(path=str(DOCS_IMG / f"desk-new-ticket-opened-{width}.png"), full_page=True)

    # the ticket page's product panel narrows the versions to the chosen product's too
    panel.locator("select[name=product]").select_option(label="Storefront")
    expect(panel_version.locator("option")).to_have_text(["—", "4.1", "4.0"])
    expect(panel_version).to_have_value("")
    panel_version.select_option(label="4.1")
    panel.get_by_role("button", name="Save the product").click()
    expect(page.get_by_text("Saved:")).to_be_visible()
    ticket.refresh_from_db()
    assert (ticket.product, ticket.product_version.version) == ("Storefront", "4.1")
    context.close()

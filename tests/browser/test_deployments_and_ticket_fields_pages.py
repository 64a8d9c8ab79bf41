"""In the browser: a manager says which services an organization uses (a mistake first,
shown at its field), and an administrator defines a drop-down ticket field (too few
choices first) and deactivates it; the pages fit a phone."""

import pytest
from playwright.sync_api import expect

from charterdesk.customers.models import Organization
from charterdesk.incidents.models import Deployment, Service
from charterdesk.tickets.models import CustomField

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(DOCS_IMG / f"manage-{name}.png"), full_page=True)


def _fits(page, viewport) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def _deployment(page, organization: Organization) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/manage/organizations/{organization.pk}/")
    page.select_option("#id_deployment-service", label="Billing API")
    page.fill("#id_deployment-region", "EU, US")
    page.click("button:has-text('Add deployment')")
    expect(page.locator(".deployments + form")).to_contain_text("Write a region as a word")
    page.fill("#id_deployment-region", "EU")
    page.click("button:has-text('Add deployment')")
    expect(page.locator(".flash")).to_contain_text("Newco uses Billing API in EU.")
    expect(page.locator("ul.deployments")).to_contain_text("Billing API EU")


def _ticket_field(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/manage/")
    page.click(".settings-nav >> text=Ticket fields")
    page.click("text=New field")
    page.fill("#id_label", "Module")
    page.fill("#id_key", "module")
    page.select_option("#id_kind", "dropdown")
    page.fill("#id_options", "Billing")
    page.check("#id_visible_to_customers")
    page.click("text=Save the field")
    expect(page.locator("label:has(#id_options)")).to_contain_text(
        "A drop-down needs at least two choices."
    )
    page.fill("#id_options", "Billing\nReports\nSign-in")
    page.click("text=Save the field")
    expect(page.locator(".flash")).to_contain_text("Field “Module” saved.")


def test_deployments_and_ticket_fields_in_the_browser(browser, live_server, live_personas):
    Service.objects.get_or_create(name="Billing API")
    newco = Organization.objects.create(name="Newco", region="EU")
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "manager@charterdesk.example")
    _deployment(page, newco)
    _shot(page, "deployments-desktop")
    context.close()

    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "admin@charterdesk.example")
    _ticket_field(page)
    _shot(page, "custom-field-desktop")
    page.click("text=Back to the ticket fields")
    _shot(page, "custom-fields-desktop")
    page.get_by_role("link", name="Module", exact=True).click()
    page.click("button:has-text('Deactivate the field')")
    expect(page.locator(".flash")).to_contain_text("deactivated")
    context.close()

    assert Deployment.objects.get(organization=newco).region == "EU"
    module = CustomField.objects.get(key="module")
    assert module.options == ["Billing", "Reports", "Sign-in"] and not module.active

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = phone.new_page()
    sign_in(page, "admin@charterdesk.example")
    for name, url in {
        "deployments": f"/manage/organizations/{newco.pk}/",
        "custom-fields": "/manage/custom-fields/",
        "custom-field": f"/manage/custom-fields/{module.pk}/",
    }.items():
        page.goto(url)
        _fits(page, PHONE)
        _shot(page, f"{name}-phone")
    phone.close()

"""A support manager brings in customers from a spreadsheet in the browser: uploads a
CSV file, reads the preview (a mistake named with its line), imports, then opens the
organization, adds a mail domain and sees how to verify it; the pages fit a phone."""

import pytest
from playwright.sync_api import expect

from charterdesk.customers.models import Contact, Organization

from .conftest import sign_in
from .test_desk_layout import DOCS_IMG, PHONE

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}
CSV = (
    "organization;domains;language;region;partner;contact_email;contact_name\n"
    "Newco;newco.example;en;EU;no;ann@newco.example;Ann Newman\n"
    "Newco;;;;;ben@newco.example;Ben Ng\n"
    "Initech Labs;initech-labs.example;de;EU;yes;pat@initech-labs.example;Pat Peters\n"
    "Globex;;;;;nobody-at-all;\n"
)


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(DOCS_IMG / f"manage-{name}.png"), full_page=True)


def _import(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/manage/")
    page.click(".settings-nav >> text=Organizations")
    page.click("text=Import from CSV")
    upload = tmp_path / "customers.csv"
    upload.write_text(CSV, encoding="utf-8-sig")
    page.set_input_files("#id_file", str(upload))
    page.click("button:has-text('Preview')")
    expect(page.locator(".row-error")).to_contain_text("“nobody-at-all” is not a mail address")
    expect(page.locator(".import-counts")).to_contain_text("2 organizations created")
    _shot(page, "import-preview-desktop")
    page.click("text=Import the rows without errors")
    expect(page.locator(".flash")).to_contain_text("Imported customers.csv: 2 organizations")


def _domain(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("input[name=q]", "newco")
    page.click("button:has-text('Search')")
    page.click("td >> text=Newco")
    expect(page.locator("table")).to_contain_text("Ann Newman")
    page.fill("#id_domain", "newco.test")
    page.click("text=Add domain")
    expect(page.locator("code.record")).to_contain_text("charterdesk-verification=")
    _shot(page, "domain-desktop")
    page.click("text=of Newco >> a")
    page.select_option("#id_relationship_manager", label="Priya Natarajan")
    page.click("text=Save the organization")
    expect(page.locator(".flash")).to_contain_text("Organization “Newco” saved.")
    _shot(page, "organization-desktop")


def test_a_manager_imports_customers_and_verifies_a_domain(
    browser, live_server, live_personas, tmp_path
):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "manager@charterdesk.example")
    _import(page, tmp_path)
    _domain(page)
    context.close()

    newco = Organization.objects.get(name="Newco")
    assert newco.relationship_manager == live_personas.tier2
    assert sorted(newco.domains.values_list("domain", flat=True)) == ["newco.example", "newco.test"]
    assert Contact.objects.get(email="pat@initech-labs.example").organization.is_partner

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = phone.new_page()
    sign_in(page, "manager@charterdesk.example")
    ann = Contact.objects.get(email="ann@newco.example")
    pages = {
        "organizations": "/manage/organizations/",
        "organization": f"/manage/organizations/{newco.pk}/",
        "contact": f"/manage/contacts/{ann.pk}/",
        "import": "/manage/organizations/import/",
    }
    for name, url in pages.items():
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        _shot(page, f"{name}-phone")
    phone.close()

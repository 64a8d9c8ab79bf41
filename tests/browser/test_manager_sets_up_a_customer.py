"""A support manager sets up a new customer in the browser, without the Django admin: a
business calendar with imported holidays, a plan copied from Gold onto that calendar and
published, the organization and its contacts imported from a CSV file, a contract for
it, and a mailbox tested before it is saved; then the pages fit a phone too."""

import socket

import pytest
from playwright.sync_api import expect

from charterdesk.customers.models import Contact, Organization
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Contract, Plan, PlanStatus
from charterdesk.sla.models import Calendar

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(DOCS_IMG / f"manage-{name}.png"), full_page=True)


def _fits(page, viewport) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def _calendar(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/desk/")
    page.click("text=Settings")
    page.click(".settings-nav >> text=Business calendars")
    page.click("text=New calendar")
    page.fill("#id_name", "Berlin office")
    page.select_option("#id_timezone", "Europe/Berlin")
    for day in ["mon", "tue", "wed", "thu"]:
        page.fill(f"#id_{day}", "08:30–12:30, 13:30–17:00")
    page.fill("#id_fri", "8:30-14")  # a mistake first
    page.select_option("#id_country", "DE")
    page.fill("#id_region", "BE")
    page.fill("#id_first_year", "2026")
    page.fill("#id_last_year", "2027")
    page.click("text=Save calendar")
    expect(page.locator("label[for=id_fri] + .errorlist, .hours-grid .errorlist")).to_contain_text(
        "is not an interval"
    )
    page.fill("#id_fri", "08:30–14:00")
    page.click("text=Save calendar")
    expect(page.locator(".flash")).to_contain_text("Calendar “Berlin office” saved.")
    expect(page.locator("aside")).to_contain_text("Next opening hours")
    page.fill("#id_start", "2026-12-04T13:00")
    page.click("text=Calculate")
    expect(page.locator(".result")).to_contain_text("8 business hours after Fri 4 Dec 2026, 13:00")


def _plan(page) -> None:  # type: ignore[no-untyped-def]
    page.click(".settings-nav >> text=Plans")
    page.fill("#id_name", "Platinum")
    page.select_option("#id_copy_from", label="Gold")
    page.click("text=Create the draft")
    expect(page.locator("h1")).to_contain_text("Draft")
    page.select_option("#id_calendar", label="Berlin office")
    page.fill("input[name=t-downtime-urgent-first_reply]", "15")
    page.click("text=Save the plan")
    expect(page.locator(".flash")).to_contain_text("Plan “Platinum” saved.")
    page.click("button:has-text('Publish')")
    expect(page.locator(".flash")).to_contain_text("is published")


def _organization(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.click(".settings-nav >> text=Organizations")
    page.click("text=Import from CSV")
    upload = tmp_path / "newco.csv"
    upload.write_text(
        "organization,domains,language,region,contact_email,contact_name\n"
        "Newco,newco.example,en,EU,ann@newco.example,Ann Newman\n"
        "Newco,,,,ben@newco.example,Ben Ng\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(upload))
    page.click("button:has-text('Preview')")
    expect(page.locator(".import-counts")).to_contain_text("1 organization created")
    page.click("button:has-text('Import')")
    expect(page.locator(".flash")).to_contain_text("Imported newco.csv")


def _mailbox(page) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page.click(".settings-nav >> text=Mailboxes")
    page.click("text=New mailbox")
    page.fill("#id_name", "newco")
    page.fill("#id_host", "127.0.0.1")
    page.fill("#id_port", str(port))
    page.fill("#id_username", "newco@charterdesk.example")
    page.fill("#id_password", "typed secret")
    page.click("text=Test connection")
    expect(page.locator("#test-result")).to_contain_text(f"Nothing answers at 127.0.0.1:{port}")
    page.fill("#id_host", "imap.newco.example")
    page.fill("#id_port", "993")
    page.click("button:has-text('Save')")
    expect(page.locator(".flash")).to_contain_text("newco")


def _contract(page) -> None:  # type: ignore[no-untyped-def]
    page.click(".settings-nav >> text=Contracts")
    page.select_option("#id_organization", label="Newco")
    page.click("text=New contract")
    page.select_option("#id_plan", label="Platinum")
    page.fill("#id_starts_on", "2027-01-01")
    page.fill("#id_ends_on", "2027-12-31")
    page.fill("#id_hours_included", "40")
    page.check("#id_administrators >> text=Ann Newman <ann@newco.example>")
    page.click("text=Save the contract")
    expect(page.locator(".flash")).to_contain_text("Contract of Newco saved")


def test_a_manager_sets_up_a_customer_end_to_end(browser, live_server, live_personas, tmp_path):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "manager@charterdesk.example")
    _calendar(page)
    _shot(page, "calendar-desktop")
    _plan(page)
    _shot(page, "plan-desktop")
    _organization(page, tmp_path)
    _contract(page)
    _shot(page, "contract-desktop")
    _mailbox(page)
    page.goto("/manage/audit/")
    _shot(page, "audit-desktop")
    context.close()

    platinum = Plan.objects.get(name="Platinum")
    assert platinum.status == PlanStatus.PUBLISHED
    assert platinum.calendar == Calendar.objects.get(name="Berlin office")
    newco = Organization.objects.get(name="Newco")
    assert sorted(Contact.objects.filter(organization=newco).values_list("email", flat=True)) == [
        "ann@newco.example",
        "ben@newco.example",
    ]
    assert Mailbox.objects.get(name="newco").host == "imap.newco.example"
    contract = Contract.objects.get(organization=newco)
    assert contract.plan == platinum
    assert [c.email for c in contract.administrators.all()] == ["ann@newco.example"]

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = phone.new_page()
    sign_in(page, "manager@charterdesk.example")
    pages = {
        "calendar": f"/manage/calendars/{platinum.calendar_id}/",
        "plan": f"/manage/plans/{platinum.pk}/",
        "contract": f"/manage/contracts/{contract.pk}/",
        "audit": "/manage/audit/",
    }
    for name, url in pages.items():
        page.goto(url)
        _fits(page, PHONE)
        _shot(page, f"{name}-phone")
    phone.close()

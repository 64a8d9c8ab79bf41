"""A support manager sets up a new customer in the browser, without the Django admin: a
business calendar with imported holidays, a plan copied from Gold onto that calendar and
published, the organization and its contacts imported from a CSV file, a contract for
it, and a mailbox tested against a real IMAP server before it is saved; then a contact
invited from the organization's page accepts the invitation and reads the plan in the
portal, and the pages fit a phone too."""

import re
import socket
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.conf import settings
from playwright.sync_api import expect

from charterdesk.customers.models import Contact, Organization
from charterdesk.mail.models import OutboundMail
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Contract, Plan, PlanStatus
from charterdesk.sla.models import Calendar
from tests.mailboxes.dovecot import PASSWORD, USER, Dovecot, dovecot_or_skip

from .conftest import open_menu, sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser
# The contract is in force today, so the invited contact reads it in the portal.
STARTS = date.today().replace(day=1)  # noqa: DTZ011 - the live server's local day
ENDS = STARTS + timedelta(days=364)


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    with dovecot_or_skip() as server:
        yield server


def _shot(page, name: str, *, full: bool = True) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(DOCS_IMG / f"manage-{name}.png"), full_page=full)


def _fits(page, viewport) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def _calendar(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/desk/")
    open_menu(page)
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


def _mailbox(page, dovecot: Dovecot) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page.click(".settings-nav >> text=Mailboxes")
    page.click("text=New mailbox")
    page.fill("#id_name", "newco")
    page.fill("#id_host", "127.0.0.1")
    page.fill("#id_port", str(port))  # a mistake first: nothing answers there
    page.select_option("#id_tls", "plain")
    page.fill("#id_username", USER)
    page.fill("#id_password", PASSWORD)
    page.click("text=Test connection")
    expect(page.locator("#test-result")).to_contain_text(f"Nothing answers at 127.0.0.1:{port}")
    page.fill("#id_port", str(dovecot.imap_port))
    page.click("text=Test connection")
    expect(page.locator("#test-result")).to_contain_text("Signed in; 0 messages in INBOX.")
    page.click("button:has-text('Save')")
    expect(page.locator(".flash")).to_contain_text("newco")


def _contract(page) -> None:  # type: ignore[no-untyped-def]
    page.click(".settings-nav >> text=Contracts")
    page.select_option("#id_organization", label="Newco")
    page.click("text=New contract")
    page.select_option("#id_plan", label="Platinum")
    page.fill("#id_starts_on", STARTS.isoformat())
    page.fill("#id_ends_on", ENDS.isoformat())
    page.fill("#id_hours_included", "40")
    page.check("#id_administrators >> text=Ann Newman <ann@newco.example>")
    page.click("text=Save the contract")
    expect(page.locator(".flash")).to_contain_text("Contract of Newco saved")


def _invite(page) -> str:  # type: ignore[no-untyped-def]
    """Invite Ann from Newco's page; the link she receives by mail."""
    page.click(".settings-nav >> text=Organizations")
    page.click("text=Newco")
    page.click("text=Ann Newman")
    page.click("button:has-text('Invite to the portal')")
    expect(page.locator(".flash")).to_contain_text("ann@newco.example invited to the portal")
    mail = OutboundMail.objects.filter(recipient="ann@newco.example").latest("id")
    found = re.search(r"https?://\S+/account/invitation/\S+/", mail.text)
    assert found, mail.text
    return found.group(0).removeprefix(settings.SITE_URL)


def _contact_reads_the_plan(browser, live_server, link: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(link)
    page.fill("input[name=new_password1]", "ann's own long secret 7")
    page.fill("input[name=new_password2]", "ann's own long secret 7")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/account/invitation/" not in url)
    page.goto("/portal/plan/")
    card = page.locator(".card").first
    expect(card).to_contain_text("Platinum plan · Newco")
    expect(card).to_contain_text(f"Contract period {STARTS.day} {STARTS:%b %Y}")
    expect(card).to_contain_text("40 h")
    _fits(page, PHONE)
    page.screenshot(path=str(DOCS_IMG / "portal-plan-of-a-new-customer-phone.png"), full_page=True)
    page.goto("/coverage/")
    expect(page.locator("main")).to_contain_text("Platinum")
    context.close()


def test_a_manager_sets_up_a_customer_end_to_end(
    browser, live_server, live_personas, tmp_path, dovecot
):
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
    _mailbox(page, dovecot)
    link = _invite(page)
    page.goto("/manage/audit/")
    _shot(page, "audit-desktop", full=False)  # the newest changes; the page is long
    context.close()
    _contact_reads_the_plan(browser, live_server, link)

    platinum = Plan.objects.get(name="Platinum")
    assert platinum.status == PlanStatus.PUBLISHED
    first_reply = platinum.targets.get(
        request_type="downtime", priority="urgent", metric="first_reply"
    )
    gold = Plan.objects.get(name="Gold")
    assert first_reply.minutes == 15  # the cell changed; the others copied from Gold
    assert platinum.targets.count() == gold.targets.count() > 1
    assert platinum.coverages.count() == gold.coverages.count()
    berlin = Calendar.objects.get(name="Berlin office")
    assert platinum.calendar == berlin
    assert "2026-12-25" in str(berlin.holidays) and "2027-10-03" in str(berlin.holidays)
    newco = Organization.objects.get(name="Newco")
    assert sorted(Contact.objects.filter(organization=newco).values_list("email", flat=True)) == [
        "ann@newco.example",
        "ben@newco.example",
    ]
    assert Mailbox.objects.get(name="newco").port == dovecot.imap_port
    contract = Contract.objects.get(organization=newco)
    assert contract.plan == platinum
    assert [c.email for c in contract.administrators.all()] == ["ann@newco.example"]
    ann = Contact.objects.get(email="ann@newco.example")
    assert ann.user is not None and ann.user.is_active and ann.user.has_usable_password()

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
        _shot(page, f"{name}-phone", full=name != "audit")
    phone.close()

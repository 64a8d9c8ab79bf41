"""A manager uploads a CSV of past tickets in the browser, and reads the summary with the
bad rows by line number (on a phone too: nothing scrolls sideways)."""

import pytest
from playwright.sync_api import expect

from charterdesk.tickets.models import Ticket
from tests.insights.test_import_tickets import BAD, GOOD, HEADER

from .conftest import sign_in
from .test_desk_layout import DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def test_manager_uploads_past_tickets_and_sees_bad_rows(
    browser, live_server, live_personas, tmp_path
):
    path = tmp_path / "zendesk-export.csv"
    path.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto("/manage/import/")
    page.set_input_files("input[name=file]", str(path))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text("2 tickets imported")
    expect(page.locator("#bad-rows tbody tr")).to_have_count(3)
    expect(page.locator("#bad-rows tbody tr").first).to_contain_text("4")
    assert Ticket.objects.filter(imported_from__source="zendesk-export.csv").count() == 2
    page.screenshot(path=str(DOCS_IMG / "manage-import-tickets-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wrong = tmp_path / "notes.txt"
    wrong.write_text("hello", encoding="utf-8")
    page.goto("/manage/import/")
    page.set_input_files("input[name=file]", str(wrong))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#id_file_error")).to_contain_text("Upload a .csv file")
    context.close()

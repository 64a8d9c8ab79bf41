"""A support manager writes a playbook in the desk (a step with a wrong placeholder in its
template is refused under the field), publishes it, and the editor fits a phone."""

import pytest

from charterdesk.success.models import Playbook

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def test_a_manager_writes_and_publishes_a_playbook(browser, live_server, live_personas):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto("/desk/playbooks/")
    page.click("text=New playbook")
    page.fill("input[name=title]", "Renewal")
    page.select_option("select[name=situation]", "renewal")
    page.fill("input[name=steps-0-title]", "Usage summary")
    page.fill("input[name=steps-1-title]", "Renewal call")
    page.select_option("select[name=steps-1-owner_role]", "relationship_manager")
    page.fill("input[name=steps-1-due_days]", "5")
    page.fill("input[name=templates-0-name]", "Invite")
    page.fill("input[name=templates-0-subject]", "Your renewal, {organization}")
    page.fill("textarea[name=templates-0-body]", "Hello {contact.user.password}")
    page.click("button:has-text('Save and publish')")
    page.wait_for_selector("text=Please correct the fields marked below.")
    assert page.locator("label.invalid textarea[name=templates-0-body]").count() == 1
    page.screenshot(path=str(DOCS_IMG / "success-playbook-editor-desktop.png"), full_page=True)
    page.fill("textarea[name=templates-0-body]", "Hello {contact_first_name}")
    page.click("button:has-text('Save and publish')")
    page.wait_for_selector("text=Playbook published.")
    playbook = Playbook.objects.get()
    assert playbook.live_version is not None and playbook.live_version.steps.count() == 2
    context.close()

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = phone.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto(f"/desk/playbooks/{playbook.pk}/edit")
    assert page.locator("input[name=steps-1-title]").input_value() == "Renewal call"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(DOCS_IMG / "success-playbook-editor-phone.png"), full_page=True)
    phone.close()

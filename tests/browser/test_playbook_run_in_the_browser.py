"""An account manager runs a playbook on an organization, finishes a task, sends a
templated mail (queued in the outbox), then reads the account page on a phone."""

import pytest

from charterdesk.mail.models import OutboundMail
from charterdesk.success.models import PlaybookRun, TaskState
from tests.success.factories import published_playbook

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def test_an_account_manager_runs_a_playbook_and_mails_a_contact(
    browser, live_server, live_personas
):
    playbook = published_playbook(live_personas.manager)
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto(f"/desk/playbooks/{playbook.pk}/")
    page.select_option("select[name=organization]", label="Acme Corp")
    page.click("text=Run playbook")
    page.wait_for_selector("text=Playbook started for Acme Corp.")
    run = PlaybookRun.objects.get()
    first, second = run.tasks.order_by("position")[:2]
    page.click(f"#task-{first.pk} summary:has-text('Finish this task')")
    page.fill(f"#task-{first.pk} textarea[name=note]", "Kick-off held; SSO first.")
    page.click(f"#task-{first.pk} button:has-text('Save outcome')")
    page.wait_for_selector("text=“Kick-off call” is done.")
    first.refresh_from_db()
    assert (first.state, first.note) == (TaskState.DONE, "Kick-off held; SSO first.")
    page.click(f"#task-{second.pk} summary:has-text('Send a mail from a template')")
    page.check(f"#task-{second.pk} input[name=contacts] >> nth=0")
    page.click(f"#task-{second.pk} button:has-text('Send mail')")
    page.wait_for_selector("text=“Welcome, Acme Corp” queued for")
    mail = OutboundMail.objects.get(subject="Welcome, Acme Corp")
    assert "welcome aboard, Acme Corp!" in mail.text
    page.screenshot(path=str(DOCS_IMG / "success-playbook-run-desktop.png"), full_page=True)
    context.close()

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = phone.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto(f"/desk/accounts/{run.organization_id}/")
    assert page.locator("[data-testid=health-score]").is_visible()
    assert page.locator("text=Check the first tickets").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(DOCS_IMG / "success-account-phone.png"), full_page=True)
    phone.close()

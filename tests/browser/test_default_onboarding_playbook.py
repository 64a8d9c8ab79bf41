"""A support manager makes another published onboarding playbook the one new contracts are
onboarded with: its page says so and the previous default's no longer does; on a desktop
and a phone."""

import pytest
from playwright.sync_api import expect

from charterdesk.success import playbooks
from charterdesk.success.models import Playbook
from tests.success.factories import published_playbook

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser
MAKE_DEFAULT = "Onboard new contracts with it"
IS_DEFAULT = "runs by itself when a contract starts"
DONE = "New contracts are onboarded with this playbook from now on."


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_manager_makes_another_playbook_the_onboarding_default(
    browser, live_server, live_personas, size
):
    manager = live_personas.manager
    previous = published_playbook(manager, title="Onboarding, the short way")
    playbooks.playbook_set_default_onboarding(playbook=previous, actor=manager)
    chosen = published_playbook(manager, title="Onboarding with a kick-off workshop")
    context = browser.new_context(base_url=live_server.url, viewport=size)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")

    page.goto(f"/desk/playbooks/{chosen.pk}/")
    expect(page.get_by_text(IS_DEFAULT)).to_have_count(0)
    page.get_by_role("button", name=MAKE_DEFAULT).click()
    expect(page.get_by_text(DONE)).to_be_visible()
    expect(page.get_by_text(IS_DEFAULT)).to_be_visible()
    expect(page.get_by_role("button", name=MAKE_DEFAULT)).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    width = "phone" if size is PHONE else "desktop"
    page.screenshot(path=str(DOCS_IMG / f"success-default-onboarding-{width}.png"), full_page=True)

    page.goto(f"/desk/playbooks/{previous.pk}/")
    expect(page.get_by_text(IS_DEFAULT)).to_have_count(0)
    expect(page.get_by_role("button", name=MAKE_DEFAULT)).to_be_visible()

    page.goto("/desk/playbooks/")
    marked = page.locator("tr", has=page.get_by_text("runs on new contracts", exact=True))
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("Onboarding with a kick-off workshop")
    assert list(Playbook.objects.filter(default_for_onboarding=True)) == [chosen]
    context.close()

"""The volume report draws its charts and drills down to the tickets behind a bar; the
triage list takes the model's best guess in one click. Desktop and phone."""

import pytest
from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import CategorySource
from charterdesk.tickets.services import ticket_categorize
from charterdesk.triage.models import TriageSuggestion
from tests.insights.helpers import tree

from .conftest import sign_in
from .test_desk_layout import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def _requests(subjects: list[str]):  # type: ignore[no-untyped-def]
    alice = Contact.objects.select_related("user").get(email="alice@acme.example")
    return [
        ticket_create(requester=alice, actor=alice.user, subject=s, body=f"{s}, please help.")
        for s in subjects
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_manager_drills_down_from_a_volume_bar(browser, live_server, live_personas, viewport):
    _, refunds = tree(live_personas.manager)
    for ticket in _requests(["Refund for a double charge", "Refund of the May invoice"]):
        ticket_categorize(ticket, refunds, by=None, source=CategorySource.RULE)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto("/desk/insights/volume")
    chart = page.locator("#category svg.insights-bars")
    assert chart.is_visible()
    assert chart.locator("rect").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.locator("#category table").get_by_role("link", name="Billing › Refunds").click()
    page.wait_for_url("**/desk/insights/tickets**")
    assert page.get_by_role("heading", name="2 tickets").is_visible()
    assert page.get_by_role("link", name="Refund of the May invoice").is_visible()
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_agent_takes_the_guess_in_one_click(browser, live_server, live_personas, viewport):
    _, refunds = tree(live_personas.manager)
    (unsure,) = _requests(["Money back?"])
    TriageSuggestion.objects.create(
        ticket=unsure, category=refunds, confidence=0.41, abstained=True, model_version=1,
        created_at=timezone.now(),
    )  # fmt: skip
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/triage/")
    row = page.locator("tr", has_text="Money back?")
    assert row.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    row.get_by_role("button", name="Billing › Refunds (41%)").click()
    assert page.get_by_text("Billing › Refunds").first.is_visible()  # the flash says what was set
    assert page.locator("tr", has_text="Money back?").count() == 0
    unsure.refresh_from_db()
    assert (unsure.category_id, unsure.category_source) == (refunds.pk, CategorySource.PERSON)
    context.close()

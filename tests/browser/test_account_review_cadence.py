"""A relationship manager sets an account's review cadence in the desk: the next review
follows it (marked overdue once its day has passed), and a cadence out of 1-24 is refused
under the field; on a desktop and a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from charterdesk.customers.models import Organization
from charterdesk.success.models import AccountPlan, AccountReview, ReviewState
from charterdesk.success.reviews import months_after

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _globex_reviewed_two_months_ago(relationship_manager):  # type: ignore[no-untyped-def]
    globex = Organization.objects.get(name="Globex")
    globex.relationship_manager = relationship_manager
    globex.save()
    held_on = months_after(timezone.localdate(), -2)
    AccountReview.objects.create(
        organization=globex, scheduled_for=held_on, state=ReviewState.HELD, notes="Fine."
    )
    return globex, held_on


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_relationship_manager_sets_the_review_cadence(browser, live_server, live_personas, size):
    globex, held_on = _globex_reviewed_two_months_ago(live_personas.tier2)
    context = browser.new_context(base_url=live_server.url, viewport=size)
    page = context.new_page()
    sign_in(page, "tier2@charterdesk.example")
    page.goto(f"/desk/accounts/{globex.pk}/")
    next_review = page.get_by_test_id("next-review")
    cadence = page.get_by_label("Review every (months)")
    # The default cadence (3 months) after a review held two months ago: due next month.
    expect(next_review).to_have_text(f"due {months_after(held_on, 3):%-d %b %Y}, not scheduled yet")
    expect(cadence).to_have_value("3")

    # Every month: the review was due a month ago, so it is overdue.
    cadence.fill("1")
    page.get_by_role("button", name="Save cadence").click()
    expect(page.get_by_text("Review cadence saved.")).to_be_visible()
    expect(page.get_by_text("every 1 month", exact=True)).to_be_visible()
    expect(next_review).to_contain_text(f"due {months_after(held_on, 1):%-d %b %Y}")
    expect(next_review.locator(".pill")).to_have_text("overdue")

    # Out of 1-24: the field says so, the cadence stays as it was.
    for bad in ("0", "25"):
        page.get_by_label("Review every (months)").fill(bad)
        page.get_by_role("button", name="Save cadence").click()
        error = page.locator(".cadence-form label.invalid .errorlist")
        expect(error).to_be_visible()
        expect(error).to_contain_text("1" if bad == "0" else "24")
        expect(page.get_by_label("Review every (months)")).to_have_value(bad)
    assert AccountPlan.objects.get(organization=globex).review_every_months == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    width = "phone" if size is PHONE else "desktop"
    shot = DOCS_IMG / f"success-review-cadence-error-{width}.png"
    page.screenshot(path=str(shot), full_page=True)

    # Every 3 months again: due next month, no longer overdue.
    page.get_by_label("Review every (months)").fill("3")
    page.get_by_role("button", name="Save cadence").click()
    expect(page.get_by_text("Review cadence saved.")).to_be_visible()
    expect(next_review).to_have_text(f"due {months_after(held_on, 3):%-d %b %Y}, not scheduled yet")
    expect(next_review.locator(".pill")).to_have_count(0)
    assert AccountPlan.objects.get(organization=globex).review_every_months == 3
    page.screenshot(path=str(DOCS_IMG / f"success-review-cadence-{width}.png"), full_page=True)
    context.close()


def test_a_scheduled_review_whose_day_passed_is_overdue(browser, live_server, live_personas):
    acme = Organization.objects.get(name="Acme Corp")
    past = timezone.localdate() - timedelta(days=5)
    review = AccountReview.objects.create(organization=acme, scheduled_for=past)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto(f"/desk/accounts/{acme.pk}/")
    next_review = page.get_by_test_id("next-review")
    expect(next_review.get_by_role("link", name=f"{past:%-d %b %Y}")).to_have_attribute(
        "href", f"/desk/reviews/{review.pk}/"
    )
    expect(next_review.locator(".pill")).to_have_text("overdue")
    context.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_review_on_field_shows_the_servers_message(browser, live_server, live_personas, size):
    """The form leaves checking to the server (`novalidate`): an empty or past day is
    refused under the field, not by a bubble of the browser's own."""
    globex, _ = _globex_reviewed_two_months_ago(live_personas.tier2)
    context = browser.new_context(base_url=live_server.url, viewport=size)
    page = context.new_page()
    sign_in(page, "tier2@charterdesk.example")
    page.goto(f"/desk/accounts/{globex.pk}/")
    error = page.locator(".review-form label.invalid .errorlist")

    page.get_by_role("button", name="Schedule a review").click()
    expect(error).to_have_text("This field is required.")

    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Review on").fill(f"{yesterday:%Y-%m-%d}")
    page.get_by_role("button", name="Schedule a review").click()
    expect(error).to_have_text("Choose today or a later day.")
    assert not AccountReview.objects.filter(scheduled_for=yesterday).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    width = "phone" if size is PHONE else "desktop"
    page.screenshot(path=str(DOCS_IMG / f"success-review-on-error-{width}.png"), full_page=True)
    context.close()

"""A manager limits an article to a product on the editor and says which products an
organization uses on its page; both pages fit a phone."""

import pytest
from playwright.sync_api import expect

from charterdesk.accounts.models import User
from charterdesk.knowledge.selectors import articles_visible_to
from charterdesk.products.models import Product
from tests.knowledge.helpers import published

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _fits(page, viewport) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_a_manager_limits_an_article_to_a_product(browser, live_server, live_personas):
    Product.objects.create(name="Storefront", slug="storefront")
    manager = User.objects.get(email="manager@charterdesk.example")
    article = published(manager, "Storefront checkout themes", visibility="customers")
    bob = User.objects.get(email="bob@globex.example")
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "manager@charterdesk.example")
    page.goto(f"/desk/articles/{article.pk}/")
    page.locator("#properties").get_by_label("Storefront").check()
    page.click("button:has-text('Save properties')")
    expect(page.locator(".flash")).to_contain_text("Properties saved.")
    assert not articles_visible_to(bob).filter(pk=article.pk).exists()
    page.set_viewport_size(PHONE)
    _fits(page, PHONE)
    page.locator("#properties").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS_IMG / "article-audience-by-product-phone.png"))
    page.set_viewport_size(DESKTOP)
    page.goto(f"/manage/organizations/{bob.contact.organization_id}/")
    page.get_by_label("Storefront").check()
    page.click("button:has-text('Save the organization')")
    expect(page.get_by_label("Storefront")).to_be_checked()
    page.set_viewport_size(PHONE)
    _fits(page, PHONE)
    page.screenshot(path=str(DOCS_IMG / "organization-products-phone.png"), full_page=True)
    assert articles_visible_to(bob).filter(pk=article.pk).exists()
    context.close()

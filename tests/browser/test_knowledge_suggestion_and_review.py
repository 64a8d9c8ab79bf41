import re

import pytest
from playwright.sync_api import expect

from charterdesk.knowledge.models import Article, ArticleState, SuggestionAttempt
from charterdesk.knowledge.services import article_create, article_publish

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_customer_gets_a_suggestion_while_typing_and_marks_it_as_solving(
    page, browser, live_server, live_personas
):
    article = article_create(
        author=live_personas.manager,
        title="Rotate the SAML signing certificate",
        body="When the SAML certificate expires, sign-in through SSO fails. Add the new one.",
    )
    article_publish(article, live_personas.manager)
    sign_in(page, "alice@acme.example")
    page.goto("/portal/new/")
    page.get_by_label("Subject").press_sequentially("SSO sign-in fails", delay=20)
    page.get_by_label("Describe it").press_sequentially("our SAML certificate expired", delay=20)
    box = page.locator("#suggested-articles")
    link = box.get_by_role("link", name="Rotate the SAML signing certificate")
    expect(link).to_be_visible()
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    expect(tab.locator("h1")).to_have_text("Rotate the SAML signing certificate")
    tab.get_by_role("button", name="This solved my problem").click()
    expect(tab).to_have_url(re.compile(r"/portal/$"))
    expect(tab.locator(".flash")).to_contain_text("Glad it helped")
    attempt = SuggestionAttempt.objects.get(user=live_personas.alice)
    assert attempt.solved_by_id == article.pk and attempt.ticket_id is None


def test_article_goes_from_draft_through_review_to_published(
    page, browser, live_server, live_personas
):
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/articles/new")
    page.get_by_label("Title").fill("Export invoices as PDF")
    page.get_by_label("Text (Markdown)").fill("Open **Billing → Invoices** and choose PDF.")
    page.get_by_label("Who reads it").select_option("public")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".flash")).to_contain_text("Draft saved")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview strong")).to_have_text("Billing → Invoices")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".flash")).to_contain_text("Sent for review")
    editor_url = page.url

    anonymous = browser.new_context(base_url=live_server.url).new_page()
    anonymous.goto("/help/search?q=invoices")
    expect(anonymous.locator("main")).to_contain_text("No article matches")

    reviewer = browser.new_context(base_url=live_server.url).new_page()
    sign_in(reviewer, "manager@charterdesk.example")
    reviewer.goto("/desk/articles/reviews")
    reviewer.get_by_role("link", name="Export invoices as PDF").click()
    assert reviewer.url == editor_url
    reviewer.get_by_role("button", name="Approve and publish").click()
    expect(reviewer.locator(".flash")).to_contain_text("Published")

    anonymous.goto("/help/search?q=invoices")
    anonymous.get_by_role("link", name=re.compile("Export invoices as PDF")).click()
    expect(anonymous.locator(".article-body strong")).to_have_text("Billing → Invoices")
    assert Article.objects.get().state == ArticleState.PUBLISHED

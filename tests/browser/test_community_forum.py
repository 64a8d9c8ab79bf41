"""The forum in the browser: a question asked, answered and accepted; a rude reply flagged
until it hides; a topic turned into a ticket by an agent. Screenshots at desktop and
phone sizes go to SCREENSHOTS_DIR."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.community import services
from charterdesk.community.models import Access, Category, Topic

from .conftest import sign_in

pytestmark = pytest.mark.browser
SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)


@pytest.fixture
def general(live_personas):
    return Category.objects.create(name="General", slug="general", access=Access.EVERYONE)


def _shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"community-{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"community-{name}-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_question_is_asked_answered_and_accepted(page, browser, live_server, general):
    sign_in(page, "alice@acme.example")
    page.goto("/community/")
    page.get_by_role("link", name="Ask the community").click()
    page.get_by_label("Title").fill("How do I export last year's invoices?")
    page.get_by_label("Details").fill("Our accountant wants a **spreadsheet**.")
    page.get_by_role("button", name="Post the topic").click()
    expect(page.locator("h1")).to_contain_text("How do I export last year's invoices?")
    topic_url = page.url

    bob = browser.new_context(base_url=live_server.url).new_page()
    sign_in(bob, "bob@globex.example")
    bob.goto(topic_url)
    bob.get_by_label("Your reply").fill("Billing → Invoices, then **Export CSV**.")
    bob.get_by_role("button", name="Post the reply").click()
    expect(bob.locator("#post-2")).to_contain_text("Export CSV")

    page.goto(topic_url)
    page.locator("#post-2").get_by_role("button", name="Accept as the answer").click()
    expect(page.locator("h1 .badge")).to_have_text("Answered")
    expect(page.locator("#post-2 .badge.answered")).to_have_text("Accepted answer")
    _shoot(page, "topic")
    page.goto("/community/")
    expect(page.locator(".topic-rows")).to_contain_text("Answered")
    _shoot(page, "list")


def test_flagging_a_post_until_it_hides(page, browser, live_server, live_personas, settings):
    settings.COMMUNITY_FLAGS_TO_HIDE = 2
    topic = services.topic_create(
        author=live_personas.alice,
        category=Category.objects.create(name="General", slug="general"),
        title="Rate limits",
        body="We hit the API limit.",
    )
    services.reply_create(author=live_personas.bob, topic=topic, body="Stop whining, amateurs.")
    for email in ("alice@acme.example", "carol@initech.example"):
        member = browser.new_context(base_url=live_server.url).new_page()
        sign_in(member, email)
        member.goto(f"/community/t/{topic.pk}/")
        post = member.locator("#post-2")
        post.get_by_text("Flag", exact=True).click()
        post.get_by_label("Rude or offensive").check()
        post.get_by_role("button", name="Send the flag").click()
        expect(member.locator(".flash")).to_contain_text("the moderators will look at it")
    page.goto(f"/community/t/{topic.pk}/")
    expect(page.locator("main")).not_to_contain_text("Stop whining")
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/community/moderation")
    expect(page.locator("main")).to_contain_text("Stop whining")
    expect(page.locator("main")).to_contain_text("2 flags")
    _shoot(page, "moderation")


def test_agent_turns_a_topic_into_a_ticket(page, live_personas, general):
    topic = services.topic_create(
        author=live_personas.carol,
        category=general,
        title="SAML sign-in loops back to the login page",
        body="Since our certificate rotation every sign-in ends on the login page.",
    )
    sign_in(page, "tier2@charterdesk.example")
    page.goto(f"/community/t/{topic.pk}/")
    page.get_by_label("Action").select_option("to_ticket")
    page.get_by_label("Reason").fill("Needs a look at their identity provider")
    page.get_by_role("button", name="Do it").click()
    expect(page.locator("main")).to_contain_text("SAML sign-in loops back to the login page")
    topic = Topic.objects.get(pk=topic.pk)
    assert topic.ticket is not None and topic.ticket.requester == live_personas.carol.contact
    assert f"/desk/tickets/{topic.ticket_id}" in page.url

"""In a browser: a visitor without a token, on a vendor's page from another origin, sends a
request with a file through the widget, confirms it from the mailed link, reads the
team's answer and downloads its file, hits the visitor upload limit (the reason is shown
in the form, the text kept) and replies without the file. Desktop and phone."""

import re
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from charterdesk.mail.models import Attachment, OutboundMail
from charterdesk.mailboxes.ingest.store import blob_store
from charterdesk.tickets.models import Message, Ticket
from charterdesk.tickets.services import message_add
from charterdesk.widget import crypto
from charterdesk.widget.demo_site import vendor_site
from charterdesk.widget.models import WidgetKey
from tests.widget.vendor_site import HOST

pytestmark = pytest.mark.browser
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
SHOT = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def _visitor_page(loader: str, kid: str) -> str:
    """The vendor's public page: the script tag without a token URL (no one signed in)."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Vendor</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        "<body><header><strong>Vendor app</strong> · not signed in</header>"
        "<main><h1>Pricing</h1><p>Questions? Use the help button.</p></main>"
        f'<script src="{loader}" data-key="{kid}" async></script></body></html>'
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_visitor_replies_through_the_widget(
    browser, live_server, live_personas, settings, tmp_path, width
):
    settings.WIDGET_VISITOR_FILES_PER_ADDRESS = 1
    key = WidgetKey.objects.create(
        name="Vendor", allowed_origins=[], secret_encrypted=crypto.encrypt("s" * 43),
        anonymous_requests=True,
    )  # fmt: skip
    loader = f"{live_server.url}/widget/loader.js"
    extra = {"/visitor": ("text/html", _visitor_page(loader, key.kid))}
    with vendor_site(live_server.url, key, "", host=HOST, extra=extra) as site:
        key.allowed_origins = [site.origin]
        key.save()
        context = browser.new_context(
            viewport={"width": width, "height": 860}, accept_downloads=True
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(site.origin + "/visitor")
        page.locator("#charterdesk-launcher").click()
        frame = page.frame_locator("#charterdesk-frame")
        frame.locator(".visitor").get_by_role("link", name="Ask the support team").click()
        frame.get_by_label("Your email address").fill("val@example.org")
        frame.get_by_label("Your name").fill("Val Visitor")
        frame.get_by_label("Subject").fill("Where is the export button?")
        frame.get_by_label("Describe it").fill("I cannot find the export button anywhere.")
        shot = tmp_path / "screen.png"
        shot.write_bytes(SHOT)
        frame.get_by_label("Attach files").set_input_files(str(shot))
        frame.get_by_role("button", name="Send the request").click()
        expect(frame.locator(".notice")).to_contain_text("Check your mail")

        mail = OutboundMail.objects.filter(recipient="val@example.org").latest("id")
        Client().post(re.search(r"https?://\S+(/widget/confirm/\S+)", mail.text).group(1))
        ticket = Ticket.objects.get(subject="Where is the export button?")
        answer = message_add(ticket, live_personas.tier1, "It is under the ⋯ menu; see the guide.")
        Attachment.objects.create(
            message=answer, blob=blob_store(b"%PDF-1.4 guide"), filename="export-guide.pdf",
            content_type="application/pdf", size=14,
        )  # fmt: skip
        note = message_add(ticket, live_personas.tier1, "Visitor seems new", visibility="internal")
        Attachment.objects.create(
            message=note, blob=blob_store(b"secret"), filename="internal.txt",
            content_type="text/plain", size=6,
        )  # fmt: skip

        frame.get_by_role("link", name="your requests").click()
        frame.get_by_role("link", name=f"#{ticket.pk} Where is the export button?").click()
        replies = frame.locator(".replies")
        expect(replies).to_contain_text("It is under the ⋯ menu")
        expect(replies).not_to_contain_text("Visitor seems new")
        expect(replies).not_to_contain_text("internal.txt")
        # the file's paperclip is drawn inline, not an emoji a font may lack
        clip = replies.locator(".files li", has_text="export-guide.pdf").locator("svg.icon")
        expect(clip).to_be_visible()
        assert (clip.bounding_box() or {}).get("width", 0) > 0
        expect(replies).not_to_contain_text("📎")
        with page.expect_download() as download:
            frame.get_by_role("link", name="export-guide.pdf").click()
        assert download.value.suggested_filename == "export-guide.pdf"
        assert Path(download.value.path()).read_bytes() == b"%PDF-1.4 guide"

        # One file an hour from this address: the request had it, so the reply's file is
        # refused; the reason shows in the form, which keeps what was typed.
        frame.get_by_label("Your reply").fill("Found it, thanks! Here is what I see now.")
        frame.get_by_label("Attach files").set_input_files(str(shot))
        frame.get_by_role("button", name="Send the reply").click()
        problem = frame.locator("[data-problem]")
        expect(problem).to_contain_text("Files from your network reached the limit")
        expect(frame.get_by_label("Your reply")).to_have_value(
            "Found it, thanks! Here is what I see now."
        )
        page.screenshot(path=str(DOCS_IMG / f"widget-visitor-limit-{width}.png"))
        frame.get_by_label("Attach files").set_input_files([])
        frame.get_by_role("button", name="Send the reply").click()
        expect(frame.locator(".notice")).to_contain_text("Your reply was added")
        expect(replies).to_contain_text("Found it, thanks!")
        page.screenshot(path=str(DOCS_IMG / f"widget-visitor-reply-{width}.png"))
        context.close()
    reply = Message.objects.filter(ticket=ticket).latest("id")
    assert reply.body.startswith("Found it, thanks!") and reply.author_contact == ticket.requester
    assert not Attachment.objects.filter(message=reply).exists()

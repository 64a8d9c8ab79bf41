"""Linked tickets in a browser: a duplicate merged into the ticket it repeats, and a
problem ticket solved with its incident tickets in one step. Screenshots at desktop and
phone size go to docs/img."""

import pytest

from charterdesk.tickets.models import Status, Ticket
from charterdesk.workspace.links import link_add
from charterdesk.workspace.models import LinkKind
from charterdesk.workspace.problems import ticket_mark_problem
from tests.tickets.factories import open_ticket

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _size(viewport: dict) -> str:
    return "desktop" if viewport is DESKTOP else "phone"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_agent_merges_a_duplicate(browser, live_server, live_personas, viewport):
    surviving = open_ticket(subject="Invoice PDF shows the wrong VAT rate")
    duplicate = open_ticket(email="wile@acme.example", subject="VAT on our invoices is wrong")
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto(f"/desk/tickets/{duplicate.pk}/")
    page.click("#merge summary")
    page.fill("#merge-surviving", str(surviving.pk))
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(DOCS_IMG / f"desk-merge-{_size(viewport)}.png"), full_page=True)
    page.click("#merge button[type=submit]")
    page.wait_for_selector(f"text=Merged into #{surviving.pk}: 1 message(s) carried over.")
    assert Ticket.objects.get(pk=duplicate.pk).status == Status.CLOSED
    page.click(f"#links a[href='/desk/tickets/{surviving.pk}/']")
    page.wait_for_selector(f"#links >> text=#{duplicate.pk} VAT on our invoices is wrong")
    assert page.locator("#followers", has_text="Wile Coyote").count() == 1
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_agent_solves_a_problem_with_its_incidents(
    browser, live_server, live_personas, viewport
):
    problem = open_ticket(subject="Single sign-on fails after the certificate rotation")
    ticket_mark_problem(problem, live_personas.tier2)
    incidents = [
        open_ticket(subject="SSO login loops"),
        open_ticket(email="bob@globex.example", subject="Cannot sign in with Okta"),
        open_ticket(email="carol@initech.example", subject="SAML signature error"),
    ]
    for incident in incidents:
        link_add(incident, problem, LinkKind.INCIDENT_OF, live_personas.tier2)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier2@charterdesk.example")
    page.goto(f"/desk/tickets/{problem.pk}/")
    page.click("#solve-problem summary")
    page.fill("#solve-reply", "Hi {{ requester.first_name }}, sign-in works again.")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(DOCS_IMG / f"desk-problem-{_size(viewport)}.png"), full_page=True)
    page.click("#solve-problem button[type=submit]")
    page.wait_for_selector("text=Problem solved with 3 incident ticket(s) answered and solved.")
    solved = Ticket.objects.filter(pk__in=[t.pk for t in incidents], status=Status.SOLVED)
    assert solved.count() == 3
    bob = incidents[1].messages.last()
    assert bob.body == "Hi Bob, sign-in works again."
    context.close()

"""A support manager sets up the people in the browser: a team with a queue, an agent
invited with languages and a schedule, and a mailbox tested before it is saved (the typed
password stays in the form for the save); the pages fit a phone too."""

import socket

import pytest
from playwright.sync_api import expect

from charterdesk.accounts.models import User
from charterdesk.mailboxes.models import Mailbox
from charterdesk.routing.models import AgentProfile, Queue, Team

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(DOCS_IMG / f"manage-{name}.png"), full_page=True)


def _fits(page, viewport) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def _team(page) -> None:  # type: ignore[no-untyped-def]
    page.click(".settings-nav >> text=Teams")
    page.click("text=New team")
    page.fill("#id_name", "Berlin")
    page.check("#id_members input[value]:near(:text('Sam Rivera'))")
    page.check("#id_queues label:has-text('Frontline (team') input")
    page.click("text=Save the team")
    expect(page.locator(".flash")).to_contain_text("Team “Berlin” saved.")


def _agent(page) -> None:  # type: ignore[no-untyped-def]
    page.click(".settings-nav >> text=Agents")
    page.click("text=Invite an agent")
    page.fill("#id_email", "dana@charterdesk.example")
    page.fill("#id_name", "Dana Scully")
    page.select_option("#id_tier", "2")
    page.check("#id_teams label:has-text('Berlin') input")
    page.check("#id_languages label:has-text('German') input")
    page.check("#id_languages label:has-text('English') input")
    page.fill("#id_skills", "api, billing")
    page.select_option("#id_calendar", index=1)
    page.fill("#id_capacity", "12")
    page.click("text=Send the invitation")
    expect(page.locator(".flash")).to_contain_text("dana@charterdesk.example is invited")


def _mailbox(page, port: int) -> None:  # type: ignore[no-untyped-def]
    page.click(".settings-nav >> text=Mailboxes")
    page.click("text=New mailbox")
    page.fill("#id_name", "billing")
    page.fill("#id_host", "127.0.0.1")
    page.fill("#id_port", str(port))
    page.fill("#id_username", "billing@example.com")
    page.fill("#id_password", "typed secret")
    page.select_option("#id_queue", label="Frontline")
    page.click("text=Test connection")
    expect(page.locator("#test-result")).to_contain_text(
        f"Nothing answers at 127.0.0.1:{port}: the connection was refused."
    )
    assert page.input_value("#id_password") == "typed secret"


def test_a_manager_sets_up_agents_teams_and_a_mailbox(browser, live_server, live_personas):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "manager@charterdesk.example")
    page.goto("/manage/")
    _team(page)
    _shot(page, "team-desktop")
    _agent(page)
    _shot(page, "agent-desktop")
    page.goto("/manage/agents/?state=all")
    _shot(page, "agents-desktop")
    page.goto("/manage/")
    _mailbox(page, port)
    _shot(page, "mailbox-test-desktop")
    assert not Mailbox.objects.exists()
    context.close()

    dana = User.objects.get(email="dana@charterdesk.example")
    assert AgentProfile.objects.get(user=dana).languages == ["de", "en"]
    berlin = Team.objects.get(name="Berlin")
    assert Queue.objects.get(name="Frontline").team == berlin
    assert set(berlin.members.all()) >= {dana}

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = phone.new_page()
    sign_in(page, "manager@charterdesk.example")
    pages = {
        "agents": "/manage/agents/?state=all",
        "agent": f"/manage/agents/{dana.pk}/",
        "teams": "/manage/teams/",
        "team": f"/manage/teams/{berlin.pk}/",
    }
    for name, url in pages.items():
        page.goto(url)
        _fits(page, PHONE)
        _shot(page, f"{name}-phone")
    phone.close()

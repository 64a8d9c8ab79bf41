""" "Test connection" tests the settings as typed, before they are saved: a new mailbox,
or changes to a saved one; a blank password tests the saved one; nothing is saved, and a
mistake in the settings is named instead of tested."""

import socket

from charterdesk.mailboxes.models import Mailbox
from charterdesk.manage import mailbox_views

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _typed(**changes: object) -> dict[str, object]:
    data = {
        "name": "support",
        "host": "127.0.0.1",
        "port": str(_closed_port()),
        "tls": "imaps",
        "username": "support@example.com",
        "password": "typed secret",
        "password_env": "",
        "folder": "INBOX",
        "after_storing": "mark_seen",
        "move_to": "",
        "enabled": "on",
        "queue": "",
        "plan": "",
    }
    return data | changes


def test_a_new_mailbox_is_tested_before_it_is_saved(login, personas):
    data = _typed()
    page = login(personas.manager).post("/manage/mailboxes/test", data, **FETCH)
    html = page.content.decode()
    assert f"Test connection: Nothing answers at 127.0.0.1:{data['port']}" in html
    assert "<html" not in html  # the result alone, for the page's script
    assert not Mailbox.objects.exists()


def test_without_the_script_the_page_comes_back_with_the_answer(login, personas):
    page = login(personas.manager).post("/manage/mailboxes/test", _typed())
    html = page.content.decode()
    assert "Nothing answers at 127.0.0.1" in html and "New IMAP mailbox" in html
    assert "typed secret" not in html


def test_a_blank_password_tests_the_saved_one(login, personas, monkeypatch):
    saved = Mailbox.objects.create(
        name="support", host="imap.example.com", username="old", password="saved secret"
    )
    tried = []
    monkeypatch.setattr(
        mailbox_views,
        "connection_check",
        lambda mailbox: tried.append((mailbox.host, mailbox.password)) or (True, "Signed in."),
    )
    client = login(personas.manager)
    data = _typed(host="imap.example.org", password="", port="993")
    client.post(f"/manage/mailboxes/{saved.pk}/test", data, **FETCH)
    client.post(f"/manage/mailboxes/{saved.pk}/test", data | {"password": "new"}, **FETCH)
    assert tried == [("imap.example.org", "saved secret"), ("imap.example.org", "new")]
    saved.refresh_from_db()
    assert (saved.host, saved.password) == ("imap.example.com", "saved secret")


def test_a_mistake_is_named_instead_of_tested(login, personas):
    page = login(personas.manager).post("/manage/mailboxes/test", _typed(port="70000"), **FETCH)
    assert "A port is a number from 1 to 65535." in page.content.decode()

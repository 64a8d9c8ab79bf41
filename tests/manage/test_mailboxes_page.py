"""A manager adds and changes IMAP mailboxes on the settings page: mistakes are shown at
their field, the password is never sent back to the browser and is kept when left blank,
and every change is in the audit log with the manager's name and the password hidden."""

import pytest

from charterdesk.core.models import AuditEntry
from charterdesk.mailboxes.models import Mailbox

PAGES = ["/manage/mailboxes/", "/manage/mailboxes/new"]
GOOD = {
    "name": "support",
    "host": "imap.example.com",
    "port": "993",
    "tls": "imaps",
    "username": "support@example.com",
    "password": "s3cret-imap",
    "password_env": "",
    "folder": "INBOX",
    "after_storing": "mark_seen",
    "move_to": "",
    "enabled": "on",
}


@pytest.mark.parametrize("url", PAGES)
def test_managers_open_the_mailbox_pages_agents_are_refused_customers_see_nothing(
    login, personas, url
):
    assert login(personas.manager).get(url).status_code == 200
    assert login(personas.tier1).get(url).status_code == 403
    assert login(personas.alice).get(url).status_code == 404


def test_a_new_mailbox_is_saved_and_listed_with_the_gateway_address(login, personas):
    client = login(personas.manager)
    page = client.post("/manage/mailboxes/new", GOOD)
    mailbox = Mailbox.objects.get(name="support")
    assert page.status_code == 302 and page["Location"] == f"/manage/mailboxes/{mailbox.pk}/"
    assert mailbox.password == "s3cret-imap" and mailbox.host == "imap.example.com"
    listing = client.get("/manage/mailboxes/").content.decode()
    assert "support@example.com at imap.example.com:993, INBOX" in listing
    assert "The SMTP gateway takes mail for <b>support@charterdesk.example</b>" in listing


def test_the_password_is_never_shown_and_kept_when_left_blank(login, personas):
    client = login(personas.manager)
    client.post("/manage/mailboxes/new", GOOD)
    mailbox = Mailbox.objects.get(name="support")
    html = client.get(f"/manage/mailboxes/{mailbox.pk}/").content.decode()
    assert "s3cret-imap" not in html
    assert "A password is stored: leave blank to keep it." in html
    page = client.post(f"/manage/mailboxes/{mailbox.pk}/", GOOD | {"password": "", "port": "143"})
    assert page.status_code == 302
    mailbox.refresh_from_db()
    assert mailbox.password == "s3cret-imap" and mailbox.port == 143


def test_mistakes_are_shown_at_their_field_and_nothing_is_saved(login, personas):
    client = login(personas.manager)
    wrong = GOOD | {"host": "imap example", "port": "70000", "after_storing": "move"}
    html = client.post("/manage/mailboxes/new", wrong).content.decode()
    assert "Nothing was saved: correct the fields marked below." in html
    assert "Write the server&#x27;s name, e.g. imap.example.com, or its address." in html
    assert "A port is a number from 1 to 65535." in html
    assert "Name the folder to move messages to." in html
    html = client.post("/manage/mailboxes/new", GOOD | {"password": ""}).content.decode()
    assert "Give a password or an environment name." in html
    html = client.post("/manage/mailboxes/new", GOOD | {"tls": "plain"}).content.decode()
    assert "Without encryption only a server on this machine." in html
    assert "s3cret-imap" not in html  # not even the password just typed
    assert not Mailbox.objects.exists()


def test_a_change_on_the_page_is_in_the_audit_log_with_the_password_hidden(login, personas):
    client = login(personas.manager)
    client.post("/manage/mailboxes/new", GOOD)
    mailbox = Mailbox.objects.get(name="support")
    client.post(f"/manage/mailboxes/{mailbox.pk}/", GOOD | {"password": "n3w-secret"})
    entry = AuditEntry.objects.filter(kind="mailboxes.mailbox").latest("id")
    assert entry.actor == personas.manager and entry.action == "changed"
    assert entry.changes == {"password": ["(hidden)", "(hidden)"]}
    logged = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert "s3cret-imap" not in logged and "n3w-secret" not in logged

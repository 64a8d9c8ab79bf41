""" "Test connection" on a mailbox's settings page signs in and opens the folder, and says
in words what the server answered: signed in with the number of messages, a refused
password, an invalid certificate, or nothing listening; never a traceback."""

import socket
from collections.abc import Iterator

import pytest

from charterdesk.mailboxes.models import Mailbox, TlsMode
from tests.mailboxes.dovecot import PASSWORD, USER, Dovecot, dovecot_or_skip


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    with dovecot_or_skip() as server:
        yield server


def _test_button(client, **settings: object) -> str:  # type: ignore[no-untyped-def]
    fields = {"name": "support", "host": "127.0.0.1", "username": USER, "password": PASSWORD}
    mailbox = Mailbox.objects.create(**(fields | settings))
    page = client.post(f"/manage/mailboxes/{mailbox.pk}/test", follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Traceback" not in html
    return html


def test_signed_in_with_the_number_of_messages(login, personas, dovecot):
    dovecot.append(b"From: a@example.com\r\nSubject: one\r\n\r\nHello\r\n")
    html = _test_button(login(personas.manager), port=dovecot.imap_port, tls=TlsMode.PLAIN)
    assert "Test connection: Signed in; 1 message in INBOX." in html


def test_a_wrong_password_is_reported_as_refused(login, personas, dovecot):
    html = _test_button(
        login(personas.manager), port=dovecot.imap_port, tls=TlsMode.PLAIN, password="wrong"
    )
    assert "The server refused the password (or the user name)." in html


def test_a_self_signed_certificate_is_not_trusted(login, personas, dovecot):
    html = _test_button(login(personas.manager), port=dovecot.imaps_port, tls=TlsMode.IMAPS)
    assert "The certificate is not valid for this host" in html


def test_a_closed_port_is_reported_in_words(login, personas):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    html = _test_button(login(personas.manager), port=port, tls=TlsMode.IMAPS)
    assert f"Nothing answers at 127.0.0.1:{port}: the connection was refused." in html


def test_agents_cannot_test_a_mailbox(login, personas):
    mailbox = Mailbox.objects.create(
        name="support", host="imap.example.com", username="u", password="p"
    )
    assert login(personas.tier1).post(f"/manage/mailboxes/{mailbox.pk}/test").status_code == 403
    assert login(personas.alice).post(f"/manage/mailboxes/{mailbox.pk}/test").status_code == 404

"""The connection check says in words when a server accepts the connection but never
answers, instead of waiting for ever or raising."""

import socket

from charterdesk.mailboxes.check import connection_check
from charterdesk.mailboxes.models import Mailbox, TlsMode


def test_a_server_that_never_answers_is_reported_after_the_timeout():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        box = Mailbox(host="127.0.0.1", port=port, tls=TlsMode.PLAIN, username="u", password="p")
        worked, answer = connection_check(box, timeout=0.5)
    assert not worked
    assert answer == f"No answer from 127.0.0.1:{port} within 0.5 s."

"""Two exchanges of one token at the same moment: the unique constraint on the used token
ids lets exactly one win, on SQLite and on PostgreSQL."""

import threading

from django.db import connection
from django.test import Client

from charterdesk.widget.models import UsedToken, WidgetSession

from .helpers import exchange, new_key, token_for


def test_two_simultaneous_exchanges_of_one_token_make_one_session(live_personas):
    key, secret = new_key(live_personas.manager)
    token = token_for(key, secret, "alice@acme.example")
    start = threading.Barrier(2)
    statuses: list[int] = []

    def attempt() -> None:
        try:
            start.wait()
            statuses.append(exchange(Client(), token).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 401]
    assert WidgetSession.objects.count() == 1
    assert UsedToken.objects.count() == 1

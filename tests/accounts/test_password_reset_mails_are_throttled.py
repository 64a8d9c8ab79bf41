"""Password-reset mails are throttled per address and per client (3 and 10 an hour by
default), and the page answers the same either way, so nobody learns who has an account
or floods someone's inbox."""

import time_machine
from django.test import Client
from django.utils import timezone

from charterdesk.mail.models import OutboundMail


def _ask(email, client=None, address="198.51.100.7"):  # type: ignore[no-untyped-def]
    client = client or Client(REMOTE_ADDR=address)
    return client.post("/account/password/reset/", {"email": email}, follow=True)


def _mails_to(email):  # type: ignore[no-untyped-def]
    return OutboundMail.objects.filter(recipient=email).count()


def test_an_address_gets_three_reset_mails_an_hour(personas):
    pages = [_ask("alice@acme.example", address=f"198.51.100.{n}") for n in range(5)]
    assert _mails_to("alice@acme.example") == 3
    answers = {(p.status_code, p.redirect_chain[-1][0]) for p in pages}
    assert len(answers) == 1  # the held ones look exactly like the sent ones
    assert all("Check your mail" in p.content.decode() for p in pages)


def test_the_address_gets_mail_again_after_an_hour(personas):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(4):
            _ask("ALICE@acme.example")
        clock.shift(3601)
        _ask("alice@acme.example", address="203.0.113.9")
    assert _mails_to("alice@acme.example") == 4


def test_one_client_asking_for_many_addresses_is_held_after_ten(personas):
    client = Client(REMOTE_ADDR="198.51.100.66")
    for n in range(10):
        _ask(f"nobody{n}@acme.example", client)
    page = _ask("bob@globex.example", client)
    assert "Check your mail" in page.content.decode()
    assert _mails_to("bob@globex.example") == 0
    _ask("bob@globex.example", address="198.51.100.67")  # another client is not held
    assert _mails_to("bob@globex.example") == 1


def test_unknown_and_known_addresses_answer_alike_when_held(personas):
    known = [_ask("alice@acme.example") for _ in range(4)][-1]
    unknown = [_ask("nobody@acme.example") for _ in range(4)][-1]
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content.decode().replace("alice", "x") == unknown.content.decode().replace(
        "nobody", "x"
    )

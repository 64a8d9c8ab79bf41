"""A mailbox on port 99999 or with a host that is no host name is refused by the model;
the database refuses a port outside 1 to 65535 and an unknown encryption mode."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from charterdesk.mailboxes.models import Mailbox


def _mailbox(**changes: object) -> Mailbox:
    fields = {"name": "support", "host": "imap.example.com", "username": "u", "password": "p"}
    return Mailbox(**(fields | changes))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"port": 99999}, "port", "from 1 to 65535"),
        ({"port": 0}, "port", "from 1 to 65535"),
        ({"host": "imap example com"}, "host", "Write the server's name"),
        ({"tls": "ssl3"}, "tls", "not a valid choice"),
        ({"password": ""}, "password", "Give a password"),
    ],
)
def test_the_model_refuses_invalid_settings(db, changes, field, words):
    with pytest.raises(ValidationError) as refused:
        _mailbox(**changes).save()
    assert words in " ".join(refused.value.message_dict[field])
    assert not Mailbox.objects.exists()


def test_the_database_refuses_a_port_out_of_range(db):
    mailbox = _mailbox()
    mailbox.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mailbox.objects.filter(pk=mailbox.pk).update(port=99999)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mailbox.objects.filter(pk=mailbox.pk).update(tls="ssl3")


def test_an_address_is_a_valid_host(db):
    _mailbox(host="192.0.2.10").save()
    assert Mailbox.objects.get().host == "192.0.2.10"

"""With public sign-up on, a visitor gets a signed link by mail and sets a password; the
new member's first post waits for a moderator. Off, the page does not exist."""

import re

from charterdesk.accounts.models import User
from charterdesk.community.models import Review
from charterdesk.mail.models import OutboundMail

from .helpers import ask


def test_visitor_signs_up_through_the_mailed_link(client, personas, settings):
    settings.COMMUNITY_PUBLIC_SIGNUP = True
    response = client.post("/community/signup", {"name": "Dana", "email": "Dana@Example.net"})
    assert "Check your mail" in response.content.decode()
    assert not User.objects.filter(email="dana@example.net").exists()
    mail = OutboundMail.objects.get(recipient="dana@example.net")
    path = re.search(r"(/community/signup/\S+)", mail.text).group(1)
    weak = client.post(path, {"password": "123"})
    assert weak.status_code == 400
    client.post(path, {"password": "a-long-enough-passphrase"})
    dana = User.objects.get(email="dana@example.net")
    assert dana.name == "Dana" and dana.is_customer
    assert ask(dana, "Hello everyone").review == Review.PENDING


def test_signup_is_closed_by_default(client, personas):
    assert client.get("/community/signup").status_code == 404


def test_forged_signup_link_is_not_found(client, personas, settings):
    settings.COMMUNITY_PUBLIC_SIGNUP = True
    assert client.get("/community/signup/forged").status_code == 404


def test_existing_address_gets_no_mail(client, personas, settings):
    settings.COMMUNITY_PUBLIC_SIGNUP = True
    client.post("/community/signup", {"name": "Alice", "email": "alice@acme.example"})
    assert not OutboundMail.objects.filter(subject__contains="signing up").exists()

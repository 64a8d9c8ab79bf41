import re

from django.conf import settings
from django.test import Client

from charterdesk.demo.reference import PASSWORD
from charterdesk.mail.models import OutboundMail


def _ask_for_link(client, email):
    return client.post("/account/password/reset/", {"email": email}, follow=True)


def _link_in_mail(to):
    mail = OutboundMail.objects.filter(recipient=to).latest("id")
    found = re.search(r"https?://\S+/account/password/reset/\S+/", mail.text)
    assert found, mail.text
    return found.group(0).removeprefix(settings.SITE_URL)


def _set_password(client, link, password):
    form = client.get(link, follow=True)
    return client.post(
        form.request["PATH_INFO"],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def test_a_reset_link_is_queued_in_the_outbox(personas, client):
    page = _ask_for_link(client, "ALICE@acme.example")
    assert "Check your mail" in page.content.decode()
    mail = OutboundMail.objects.get(recipient="alice@acme.example")
    assert mail.subject == "Set a new CharterDesk password"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(personas, client):
    page = _ask_for_link(client, "nobody@acme.example")
    assert "Check your mail" in page.content.decode()
    assert not OutboundMail.objects.filter(recipient="nobody@acme.example").exists()


def test_the_link_sets_a_new_password_that_signs_in(personas, client):
    _ask_for_link(client, "alice@acme.example")
    page = _set_password(client, _link_in_mail("alice@acme.example"), "a new long secret 42")
    assert "Your password is set" in page.content.decode()
    old = client.post("/login/", {"username": "alice@acme.example", "password": PASSWORD})
    assert old.status_code == 200
    new = client.post(
        "/login/", {"username": "alice@acme.example", "password": "a new long secret 42"}
    )
    assert new.status_code == 302


def test_the_link_works_once(personas, client):
    _ask_for_link(client, "alice@acme.example")
    link = _link_in_mail("alice@acme.example")
    _set_password(client, link, "a new long secret 42")
    again = client.get(link, follow=True)
    assert "This link has expired or was already used." in again.content.decode()


def test_a_reset_lifts_the_pause_on_signing_in(personas, client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "alice@acme.example", "password": f"x{n}"})
    _ask_for_link(client, "alice@acme.example")
    _set_password(client, _link_in_mail("alice@acme.example"), "a new long secret 42")
    page = client.post(
        "/login/",
        {"username": "alice@acme.example", "password": "a new long secret 42"},
        REMOTE_ADDR="192.0.2.10",
    )
    assert page.status_code == 302


def test_a_reset_signs_out_every_browser(personas, client, login):
    other = login(personas.alice)
    assert other.get("/portal/").status_code == 200
    fresh = Client()
    _ask_for_link(fresh, "alice@acme.example")
    _set_password(fresh, _link_in_mail("alice@acme.example"), "a new long secret 42")
    assert other.get("/portal/").status_code == 302

import re
from datetime import timedelta

import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from charterdesk.accounts.models import Role, User
from charterdesk.customers.models import Contact
from charterdesk.mail.models import OutboundMail
from charterdesk.plans.models import Contract


def _link(to):
    mail = OutboundMail.objects.filter(recipient=to).latest("id")
    found = re.search(r"https?://\S+/account/invitation/\S+/", mail.text)
    assert found, mail.text
    return found.group(0).removeprefix(settings.SITE_URL)


def _choose_password(link, password="a long fresh secret 9"):  # noqa: S107
    client = Client()
    page = client.post(link, {"new_password1": password, "new_password2": password}, follow=True)
    return client, page


def _invite_agent(login, personas, email="dana@charterdesk.example", tier=2):
    return login(personas.manager).post(
        "/account/invitations/",
        {"email": email, "name": "Dana", "role": Role.AGENT, "tier": tier},
        follow=True,
    )


def test_a_manager_invites_an_agent_who_sets_a_password_and_works_the_queue(personas, login):
    page = _invite_agent(login, personas)
    assert "dana@charterdesk.example is invited" in page.content.decode()
    dana = User.objects.get(email="dana@charterdesk.example")
    assert (dana.is_active, dana.role, dana.tier) == (False, Role.AGENT, 2)
    client, _ = _choose_password(_link("dana@charterdesk.example"))
    assert client.get("/desk/").status_code == 200


def test_an_invited_agent_cannot_sign_in_before_choosing_a_password(personas, login):
    _invite_agent(login, personas)
    page = Client().post(
        "/login/", {"username": "dana@charterdesk.example", "password": "anything at all"}
    )
    assert "Your email and password didn" in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated


def test_an_invitation_link_works_once(personas, login):
    _invite_agent(login, personas)
    link = _link("dana@charterdesk.example")
    _choose_password(link)
    _, again = _choose_password(link, "someone else's password 1")
    assert "This invitation no longer works" in again.content.decode()


def test_an_invitation_link_expires(personas, login):
    _invite_agent(login, personas)
    link = _link("dana@charterdesk.example")
    later = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS + 1)
    with time_machine.travel(later):
        _, page = _choose_password(link)
    assert page.status_code == 410
    assert not User.objects.get(email="dana@charterdesk.example").is_active


def test_inviting_again_replaces_the_first_link(personas, login):
    _invite_agent(login, personas)
    first = _link("dana@charterdesk.example")
    _invite_agent(login, personas)
    _, page = _choose_password(first)
    assert page.status_code == 410


def test_an_address_with_an_account_is_not_invited(personas, login):
    page = _invite_agent(login, personas, email="Tier1@charterdesk.example")
    assert "tier1@charterdesk.example already has an account." in page.content.decode()


def test_agents_cannot_invite(personas, login):
    page = login(personas.tier1).post(
        "/account/invitations/", {"email": "x@charterdesk.example", "role": Role.AGENT}
    )
    assert page.status_code == 403
    assert not User.objects.filter(email="x@charterdesk.example").exists()


def test_a_new_authorized_contact_gets_an_account_to_open_with_their_password(personas, login):
    contract = Contract.objects.get(organization__name="Initech")
    contract.administrators.add(Contact.objects.get(email="carol@initech.example"))
    login(personas.carol).post(
        "/portal/plan/authorized", {"email": "peter@initech.example", "name": "Peter"}
    )
    client, page = _choose_password(_link("peter@initech.example"))
    assert "Welcome to CharterDesk" in page.content.decode()
    peter = Contact.objects.get(email="peter@initech.example")
    assert peter.user is not None and peter.user.is_active
    assert client.get("/portal/").status_code == 200

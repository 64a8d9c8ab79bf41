from charterdesk.customers.models import Contact
from charterdesk.mail.models import OutboundMail
from charterdesk.plans.models import Contract


def _initech() -> Contract:
    return Contract.objects.get(organization__name="Initech")


def _make_carol_administrator() -> Contract:
    contract = _initech()
    contract.administrators.add(Contact.objects.get(email="carol@initech.example"))
    return contract


def _authorized() -> list[str]:
    return sorted(_initech().authorized_contacts.values_list("email", flat=True))


def test_an_administrator_authorizes_an_existing_contact_of_the_organization(personas, login):
    _make_carol_administrator()
    page = login(personas.carol).post(
        "/portal/plan/authorized", {"email": "milton@initech.example"}, follow=True
    )
    assert "milton@initech.example is now an authorized contact." in page.content.decode()
    assert _authorized() == ["carol@initech.example", "milton@initech.example"]
    assert OutboundMail.objects.filter(recipient="milton@initech.example").exists()


def test_an_administrator_invites_a_new_address(personas, login):
    _make_carol_administrator()
    login(personas.carol).post(
        "/portal/plan/authorized", {"email": "Peter@Initech.example", "name": "Peter Gibbons"}
    )
    peter = Contact.objects.get(email="peter@initech.example")
    assert (peter.organization.name, peter.name) == ("Initech", "Peter Gibbons")
    assert "peter@initech.example" in _authorized()


def test_over_the_plans_cap_the_form_says_so(personas, login):
    _make_carol_administrator()  # Bronze allows 3; carol is the first
    client = login(personas.carol)
    for email in ("milton@initech.example", "peter@initech.example"):
        client.post("/portal/plan/authorized", {"email": email})
    page = client.post("/portal/plan/authorized", {"email": "samir@initech.example"})
    assert page.status_code == 200
    assert "allows 3 authorized contacts and the list is full" in page.content.decode()
    assert len(_authorized()) == 3


def test_a_contact_who_is_not_an_administrator_cannot_change_the_list(personas, login):
    response = login(personas.carol).post(
        "/portal/plan/authorized", {"email": "milton@initech.example"}
    )
    assert response.status_code == 403
    assert _authorized() == ["carol@initech.example"]


def test_an_address_of_another_organization_cannot_be_added(personas, login):
    _make_carol_administrator()
    page = login(personas.carol).post("/portal/plan/authorized", {"email": "bob@globex.example"})
    assert "cannot be added to Initech" in page.content.decode()
    assert "bob@globex.example" not in _authorized()


def test_a_new_address_on_another_organizations_domain_cannot_be_claimed(personas, login):
    _make_carol_administrator()
    client = login(personas.carol)
    for address in ("newhire@globex.example", "tier1@charterdesk.example"):
        page = client.post("/portal/plan/authorized", {"email": address})
        assert "cannot be added to Initech" in page.content.decode()
    assert not Contact.objects.filter(email="newhire@globex.example").exists()
    assert "tier1@charterdesk.example" not in _authorized()


def test_an_administrator_removes_an_authorized_contact(personas, login):
    contract = _make_carol_administrator()
    milton = Contact.objects.get(email="milton@initech.example")
    contract.authorized_contacts.add(milton)
    login(personas.carol).post(f"/portal/plan/authorized/{milton.pk}/remove")
    assert _authorized() == ["carol@initech.example"]


def test_a_bad_address_is_a_form_error(personas, login):
    _make_carol_administrator()
    page = login(personas.carol).post("/portal/plan/authorized", {"email": "not-an-address"})
    assert page.status_code == 200
    assert "Enter a valid email address." in page.content.decode()

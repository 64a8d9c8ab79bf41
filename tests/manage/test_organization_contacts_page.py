"""A manager adds, changes, deactivates and invites an organization's contacts; the
organization's page lists them with their portal account and their roles on the
contracts in force, in a fixed number of queries."""

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Contact, Organization
from charterdesk.mail.models import OutboundMail
from charterdesk.plans.models import Contract

GOOD = {
    "email": "Dan@Acme.example",
    "name": "Dan Dorn",
    "time_zone": "Europe/Berlin",
    "mail_surveys": "on",
    "mail_statements": "",
    "mail_promises": "on",
    "mail_escalation_receipts": "on",
    "mail_estimates": "on",
}


def _acme():
    return Organization.objects.get(name="Acme Corp")


def test_a_manager_adds_a_contact_with_mail_preferences(login, personas):
    acme = _acme()
    page = login(personas.manager).post(f"/manage/organizations/{acme.pk}/contacts/new", GOOD)
    dan = Contact.objects.get(email="dan@acme.example")
    assert page["Location"] == f"/manage/contacts/{dan.pk}/"
    assert dan.organization == acme and dan.time_zone == "Europe/Berlin"
    assert dan.mail_surveys and not dan.mail_statements
    entry = AuditEntry.objects.get(kind="customers.contact", object_id=str(dan.pk))
    assert entry.actor == personas.manager and entry.changes["email"][1] == "dan@acme.example"


def test_a_taken_address_another_organizations_domain_or_a_bad_zone_are_refused(login, personas):
    client = login(personas.manager)
    url = f"/manage/organizations/{_acme().pk}/contacts/new"
    taken = client.post(url, GOOD | {"email": "bob@globex.example"}).content.decode()
    assert "bob@globex.example is already a contact of Globex" in taken
    foreign = client.post(url, GOOD | {"email": "new@globex.example"}).content.decode()
    assert "globex.example is a mail domain of Globex" in foreign
    zone = client.post(url, GOOD | {"time_zone": "Mars/Olympus"}).content.decode()
    assert "Select a valid choice. Mars/Olympus is not one of the available choices." in zone
    assert not Contact.objects.filter(email="new@globex.example").exists()


def test_the_page_shows_portal_accounts_and_contract_roles(
    login, personas, django_assert_max_num_queries
):
    acme = _acme()
    Contact.objects.bulk_create(
        [Contact(organization=acme, email=f"p{n:02}@acme.example") for n in range(60)]
    )
    client = login(personas.manager)
    with django_assert_max_num_queries(16):
        html = client.get(f"/manage/organizations/{acme.pk}/").content.decode()
    assert "Signs in to the portal" in html  # alice
    assert "authorized contact" in html
    assert "Page 1 of 2" in html


def test_deactivating_closes_the_portal_and_takes_the_contact_off_contracts(login, personas):
    alice = personas.alice.contact
    contract = Contract.objects.filter(authorized_contacts=alice).first()
    assert contract is not None
    client = login(personas.manager)
    client.post(f"/manage/contacts/{alice.pk}/deactivate")
    alice.refresh_from_db()
    personas.alice.refresh_from_db()
    assert alice.deactivated_at is not None and not personas.alice.is_active
    assert not contract.authorized_contacts.filter(pk=alice.pk).exists()
    assert AuditEntry.objects.filter(
        kind="plans.contract",
        object_id=str(contract.pk),
        changes__authorized_contacts__isnull=False,
    ).exists()
    client.post(f"/manage/contacts/{alice.pk}/reactivate")
    personas.alice.refresh_from_db()
    assert personas.alice.is_active  # she had a password: she signs in again


def test_an_invitation_mails_a_link_and_links_the_account(login, personas):
    acme = _acme()
    dan = Contact.objects.create(organization=acme, email="dan@acme.example", name="Dan")
    page = login(personas.manager).post(f"/manage/contacts/{dan.pk}/invite", follow=True)
    assert "dan@acme.example invited to the portal by mail." in page.content.decode()
    dan.refresh_from_db()
    assert dan.user is not None and not dan.user.is_active
    assert OutboundMail.objects.filter(recipient="dan@acme.example").exists()
    html = login(personas.manager).get(f"/manage/organizations/{acme.pk}/").content.decode()
    assert "Invited, not signed in yet" in html


def test_a_contact_who_signs_in_already_is_not_invited(login, personas):
    alice = personas.alice.contact
    page = login(personas.manager).post(f"/manage/contacts/{alice.pk}/invite", follow=True)
    assert "alice@acme.example already signs in to the portal." in page.content.decode()


def test_a_new_address_is_the_portal_accounts_address_too(login, personas):
    alice = personas.alice.contact
    client = login(personas.manager)
    taken = client.post(
        f"/manage/contacts/{alice.pk}/", GOOD | {"email": "tier1@charterdesk.example"}
    )
    assert "tier1@charterdesk.example already has an account." in taken.content.decode()
    client.post(f"/manage/contacts/{alice.pk}/", GOOD | {"email": "alice.archer@acme.example"})
    personas.alice.refresh_from_db()
    assert personas.alice.email == "alice.archer@acme.example"

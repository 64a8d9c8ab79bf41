"""The token's address is matched to a contact of its organization; an unknown address
becomes a contact only where the key allows it and the domain is verified."""

from django.utils import timezone

from charterdesk.customers.models import Contact, DomainVerification, OrganizationDomain

from .helpers import exchange, new_key, token_for


def test_unknown_address_at_a_verified_domain_becomes_a_contact_there(client, personas):
    acme = personas.alice.contact.organization
    OrganizationDomain.objects.update_or_create(
        domain="acme.example",
        defaults={
            "organization": acme,
            "verified_at": timezone.now(),
            "verified_by": DomainVerification.DNS,
        },
    )
    key = new_key(personas.manager, create_contacts=True)
    response = exchange(client, token_for(*key, "newcomer@acme.example", org="acme.example"))
    assert response.status_code == 200, response.json()
    contact = Contact.objects.get(email="newcomer@acme.example")
    assert contact.organization == acme
    assert contact.user is not None and not contact.user.has_usable_password()


def test_unknown_address_at_an_unverified_domain_is_refused(client, personas):
    key = new_key(personas.manager, create_contacts=True)
    response = exchange(client, token_for(*key, "someone@nowhere.example"))
    assert response.status_code == 401
    assert "not verified" in response.json()["detail"]
    assert not Contact.objects.filter(email="someone@nowhere.example").exists()


def test_an_agents_address_never_gets_a_widget_session(client, personas):
    key = new_key(personas.manager)
    Contact.objects.create(email=personas.tier1.email, name="Sneaky")
    response = exchange(client, token_for(*key, personas.tier1.email))
    assert response.status_code == 401


def test_org_hint_may_name_the_organization_or_its_domain(client, personas):
    key = new_key(personas.manager)
    assert (
        exchange(client, token_for(*key, "alice@acme.example", org="acme corp")).status_code == 200
    )

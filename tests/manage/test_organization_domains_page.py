"""A manager lists an organization's mail domains and verifies one the way the customer
can: a TXT record found in DNS, or a link mailed to a contact at the domain who confirms
it. Until then mail from the domain matches nobody, and no other organization may claim
it."""

import re

import pytest
from django.core import signing

from charterdesk.core.models import AuditEntry
from charterdesk.customers import domain_checks
from charterdesk.customers.models import Contact, Organization, OrganizationDomain
from charterdesk.customers.selectors import organization_by_verified_domain
from charterdesk.mail.models import OutboundMail


@pytest.fixture
def newco(personas):
    return Organization.objects.create(name="Newco")


def _add(client, organization, domain):
    return client.post(f"/manage/organizations/{organization.pk}/domains", {"domain": domain})


def test_an_added_domain_waits_for_verification_and_matches_nobody(login, personas, newco):
    client = login(personas.manager)
    page = _add(client, newco, "NewCo.example")
    row = OrganizationDomain.objects.get(organization=newco)
    assert page["Location"] == f"/manage/domains/{row.pk}/"
    html = client.get(page["Location"]).content.decode()
    assert f"charterdesk-verification={row.verification_token}" in html
    assert "not verified" in html
    assert organization_by_verified_domain("newco.example") is None
    entry = AuditEntry.objects.get(kind="customers.organizationdomain", object_id=str(row.pk))
    assert entry.actor == personas.manager and entry.changes["domain"] == [None, "newco.example"]


def test_a_domain_of_another_organization_is_refused_in_words(login, personas, newco):
    client = login(personas.manager)
    page = _add(client, newco, "acme.example").content.decode()
    assert "acme.example already belongs to Acme Corp." in page
    assert 'value="acme.example"' in page  # kept in the field to correct
    assert not newco.domains.exists()


def test_the_dns_record_verifies_the_domain(login, personas, newco, monkeypatch):
    row = newco.domains.create(domain="newco.example")
    client = login(personas.manager)
    monkeypatch.setattr(domain_checks, "txt_records", lambda domain: ["v=spf1 -all"])
    page = client.post(f"/manage/domains/{row.pk}/check", follow=True).content.decode()
    assert "Not verified yet: 1 TXT records found, none is charterdesk-verification=" in page
    monkeypatch.setattr(domain_checks, "txt_records", lambda domain: [row.txt_record()])
    page = client.post(f"/manage/domains/{row.pk}/check", follow=True).content.decode()
    assert "newco.example is verified." in page
    row.refresh_from_db()
    assert row.verified_by == "dns" and organization_by_verified_domain("NEWCO.example") == newco


def test_a_missing_domain_or_silent_dns_is_said_in_words(personas, newco, monkeypatch):
    import dns.resolver

    row = newco.domains.create(domain="newco.example")

    def fails(error):
        def lookup(domain):
            raise error

        return lookup

    monkeypatch.setattr(domain_checks, "txt_records", fails(dns.resolver.NXDOMAIN()))
    assert domain_checks.dns_check(row).words == "newco.example does not exist in DNS."
    monkeypatch.setattr(domain_checks, "txt_records", fails(dns.resolver.LifetimeTimeout()))
    assert "No DNS server answered" in domain_checks.dns_check(row).words


def test_a_contact_at_the_domain_confirms_it_by_the_mailed_link(client, login, personas, newco):
    row = newco.domains.create(domain="newco.example")
    ann = Contact.objects.create(organization=newco, email="ann@newco.example", name="Ann")
    manager = login(personas.manager)
    manager.post(f"/manage/domains/{row.pk}/mail", {"contact": ann.pk})
    mail = OutboundMail.objects.get(recipient="ann@newco.example")
    assert "newco.example" in mail.subject
    link = re.search(r"https?://\S+(/manage/domains/confirm/\S+)", mail.text).group(1)
    client.logout()
    question = client.get(link).content.decode()  # a mail scanner's visit verifies nothing
    assert "Yes, confirm newco.example" in question
    row.refresh_from_db()
    assert not row.is_verified
    answer = client.post(link).content.decode()
    assert "is confirmed as Newco" in answer
    row.refresh_from_db()
    assert row.verified_by == "mail" and organization_by_verified_domain("newco.example") == newco


def test_a_forged_or_stale_link_verifies_nothing(client, personas, newco):
    row = newco.domains.create(domain="newco.example")
    forged = signing.dumps(
        {"domain": row.pk, "token": "guess", "to": "x@newco.example"}, salt=domain_checks.SALT
    )
    assert client.post(f"/manage/domains/confirm/{forged}").status_code == 404
    assert client.post("/manage/domains/confirm/garbage").status_code == 404
    row.refresh_from_db()
    assert not row.is_verified


def test_the_link_goes_only_to_a_contact_at_the_domain(login, personas, newco):
    row = newco.domains.create(domain="newco.example")
    other = Contact.objects.create(organization=newco, email="ann@gmail.example")
    page = login(personas.manager).post(
        f"/manage/domains/{row.pk}/mail", {"contact": other.pk}, follow=True
    )
    assert "No mail was sent" in page.content.decode()
    assert not OutboundMail.objects.filter(recipient="ann@gmail.example").exists()


def test_a_removed_domain_no_longer_matches(login, personas):
    acme = Organization.objects.get(name="Acme Corp")
    row = acme.domains.get(domain="acme.example")
    login(personas.manager).post(f"/manage/domains/{row.pk}/remove")
    assert organization_by_verified_domain("acme.example") is None
    assert AuditEntry.objects.filter(kind="customers.organizationdomain", action="deleted").exists()

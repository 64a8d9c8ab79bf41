"""An organization's mail domains are real domain names, kept in lower case, and no two
organizations share one (mail from it must point at one customer): the model says so
in words, and the database refuses it even when the model is bypassed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from charterdesk.customers.models import Organization, OrganizationDomain


@pytest.mark.parametrize(
    ("domain", "words"),
    [
        ("not a domain", "is not a mail domain"),
        ("@acme", "is not a mail domain"),
        ("acme.example", "acme.example already belongs to Acme Corp"),
        ("ACME.Example", "acme.example already belongs to Acme Corp"),
    ],
)
def test_invalid_or_taken_domains_are_refused(personas, domain, words):
    newco = Organization.objects.create(name="Newco")
    with pytest.raises(ValidationError) as refused:
        OrganizationDomain.objects.create(organization=newco, domain=domain)
    assert words in refused.value.message_dict["domain"][0]
    assert not newco.domains.exists()


def test_domains_are_kept_in_lower_case_without_at_sign(personas):
    newco = Organization.objects.create(name="Newco")
    row = OrganizationDomain.objects.create(organization=newco, domain=" @Newco.Example. ")
    row.refresh_from_db()
    assert row.domain == "newco.example" and not row.is_verified
    row.save()  # its own domain is no clash with itself


def test_the_database_refuses_a_second_owner_and_upper_case(personas):
    newco = Organization.objects.create(name="Newco")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationDomain.objects.bulk_create(
            [OrganizationDomain(organization=newco, domain="acme.example")]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationDomain.objects.bulk_create(
            [OrganizationDomain(organization=newco, domain="Newco.example")]
        )

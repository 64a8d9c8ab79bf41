"""An organization's mail domains are real domain names, each listed once, and no two
organizations share one (mail from it must point at one customer)."""

import pytest
from django.core.exceptions import ValidationError

from charterdesk.customers.models import Organization


@pytest.mark.parametrize(
    ("domains", "words"),
    [
        (["not a domain"], "is not a mail domain"),
        (["@acme"], "is not a mail domain"),
        (["newco.example", "NEWCO.example"], "Each domain once"),
        (["acme.example"], "acme.example already belongs to Acme Corp"),
        ("newco.example", "List the domains"),
    ],
)
def test_invalid_or_taken_domains_are_refused(personas, domains, words):
    with pytest.raises(ValidationError) as refused:
        Organization.objects.create(name="Newco", domains=domains)
    assert words in refused.value.message_dict["domains"][0]
    assert not Organization.objects.filter(name="Newco").exists()


def test_domains_are_kept_in_lower_case(personas):
    newco = Organization.objects.create(name="Newco", domains=[" Newco.Example "])
    newco.refresh_from_db()
    assert newco.domains == ["newco.example"]
    newco.save()  # its own domains are no clash with itself

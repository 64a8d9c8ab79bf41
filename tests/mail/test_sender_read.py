"""The sender of a mail is read in one written-out statement (issue #13): the contact,
its organization and its user made exactly as the ORM makes them, and whether an agent
has the same address."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.customers.models import Contact
from charterdesk.mailboxes.ingest.senders import sender_resolve


def _values(obj: object) -> dict[str, object]:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}  # type: ignore[attr-defined]


def test_a_known_contact_is_read_with_its_organization_and_user_in_one_statement(personas):
    expected = Contact.objects.select_related("organization", "user").get(
        email="alice@acme.example"
    )
    with CaptureQueriesContext(connection) as queries:
        sender = sender_resolve("Alice@Acme.example", "Alice")
        contact = sender.contact
        assert contact is not None and sender.agent is None
        organization, user = contact.organization, contact.user  # cached: no query
    assert len(queries) == 1
    assert _values(contact) == _values(expected)
    assert _values(organization) == _values(expected.organization)
    assert _values(user) == _values(expected.user)
    assert contact._state.adding is False and contact._state.db == "default"


def test_a_contact_without_organization_or_user_reads_none_for_them(personas):
    Contact.objects.create(email="loose@nowhere.example", name="Loose", organization=None)
    with CaptureQueriesContext(connection) as queries:
        contact = sender_resolve("loose@nowhere.example", "Loose").contact
        assert contact is not None
        assert (contact.organization, contact.user) == (None, None)
    assert len(queries) == 1


def test_an_agents_address_is_the_agent_even_when_a_contact_has_it(personas):
    agent = personas.tier1
    Contact.objects.create(email=agent.email, name="Same address", organization=None)
    sender = sender_resolve(agent.email, "Agent")
    assert sender.agent == agent and sender.contact is None

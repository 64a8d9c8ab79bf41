"""The API's requester look-up (an agent names the contact by address) comes from the
per-process cache of the PEOPLE generation (core.config_cache). Another process's change
to a contact or an organization reaches the next creation: here it is written around
this process (a queryset update fires no signal, only the database trigger knows of it)
while the cache is warm."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.core.models import ConfigGeneration
from charterdesk.customers.models import Contact, Organization
from charterdesk.tickets.models import Ticket

BODY = {"subject": "Export fails", "body": "I get an error.", "type": "error"}


def _post(client, email: str):  # type: ignore[no-untyped-def]
    body = BODY | {"requester_email": email}
    return client.post("/api/v1/tickets", body, content_type="application/json")


def test_a_warm_creation_for_a_named_contact_reads_no_contact(personas, api):
    client = api.as_(personas.tier1)
    assert _post(client, "alice@acme.example").status_code == 201
    with CaptureQueriesContext(connection) as captured:
        assert _post(client, "Alice@Acme.example").status_code == 201
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) == 1 and "accounts_apitoken" in reads[0]
    assert "customers_contact" not in reads[0].split("FROM")[-1].split("WHERE")[-1]


def test_a_contact_moved_by_another_process_files_the_next_ticket_in_its_new_organization(
    personas, api
):
    client = api.as_(personas.tier1)
    assert _post(client, "alice@acme.example").status_code == 201  # warm
    globex = Organization.objects.get(name__startswith="Globex")
    Contact.objects.filter(email="alice@acme.example").update(organization=globex)
    response = _post(client, "alice@acme.example")
    assert response.status_code == 201
    assert Ticket.objects.get(pk=response.json()["id"]).organization == globex


def test_a_contact_added_after_a_refusal_is_found_at_once(personas, api):
    client = api.as_(personas.tier1)
    response = _post(client, "dora@acme.example")
    assert response.status_code == 422  # no such contact (and the cache now knows it)
    acme = personas.alice.contact.organization
    Contact.objects.bulk_create(
        [Contact(email="dora@acme.example", name="Dora", organization=acme)]
    )
    response = _post(client, "dora@acme.example")
    assert response.status_code == 201
    assert Ticket.objects.get(pk=response.json()["id"]).requester.name == "Dora"


def test_writes_to_contacts_change_the_people_generation_only(personas):
    def generations() -> tuple[int, int]:
        rows = dict(ConfigGeneration.objects.values_list("id", "value"))
        return rows[1], rows[2]

    configuration, people = generations()
    Contact.objects.filter(email="alice@acme.example").update(name="Alice A.")
    after = generations()
    assert after[0] == configuration and after[1] != people

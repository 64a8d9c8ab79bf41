from tests.hours.factories import log, metered_ticket
from tests.tickets.factories import open_ticket


def _post(client, ticket, **body):
    return client.post(
        f"/api/v1/tickets/{ticket.pk}/time-entries", body, content_type="application/json"
    )


def test_an_agent_logs_time_and_reads_the_entries_with_totals(personas, api):
    ticket = metered_ticket()
    client = api.as_(personas.tier2)
    created = _post(client, ticket, minutes=25, activity="call", billable=False, note="Call")
    assert created.status_code == 201, created.content
    assert created.json()["draws_on_bank"] is True
    assert created.json()["tier"] == 2
    listed = client.get(f"/api/v1/tickets/{ticket.pk}/time-entries").json()
    assert [(e["minutes"], e["activity"], e["billable"]) for e in listed["items"]] == [
        (25, "call", False)
    ]
    assert (listed["total_minutes"], listed["bank_minutes"], listed["billable_minutes"]) == (
        25,
        25,
        0,
    )


def test_bad_input_gets_field_messages(personas, api):
    ticket = metered_ticket()
    response = _post(api.as_(personas.tier1), ticket, minutes=0, activity="lunch")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert {"minutes", "activity"} <= set(response.json()["errors"])


def test_a_customer_cannot_read_or_log_time_on_their_own_ticket(personas, api):
    ticket = metered_ticket()
    log(ticket, personas.tier1, 10, note="internal musings")
    client = api.as_(personas.carol)
    listed = client.get(f"/api/v1/tickets/{ticket.pk}/time-entries")
    posted = _post(client, ticket, minutes=5, activity="reply")
    assert (listed.status_code, posted.status_code) == (403, 403)
    assert "internal musings" not in listed.content.decode()


def test_a_customer_gets_404_for_another_organizations_ticket(personas, api):
    ticket = open_ticket("alice@acme.example")
    response = _post(api.as_(personas.carol), ticket, minutes=5, activity="reply")
    assert response.status_code == 404


def test_an_agent_corrects_and_deletes_their_entry_through_the_api(personas, api):
    entry = log(metered_ticket(), personas.tier1, 10)
    client = api.as_(personas.tier1)
    patched = client.patch(
        f"/api/v1/time-entries/{entry.pk}", {"minutes": 15}, content_type="application/json"
    )
    assert patched.json()["minutes"] == 15
    other = api.as_(personas.tier2).delete(f"/api/v1/time-entries/{entry.pk}")
    assert other.status_code == 403
    assert client.delete(f"/api/v1/time-entries/{entry.pk}").status_code == 204


def test_the_list_takes_the_same_queries_for_many_entries(
    personas, api, django_assert_max_num_queries
):
    ticket = metered_ticket()
    client = api.as_(personas.tier1)
    log(ticket, personas.tier1, 5)
    for agent in (personas.tier1, personas.tier2, personas.tier3) * 5:
        log(ticket, agent, 5)
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/tickets/{ticket.pk}/time-entries")
    assert len(response.json()["items"]) == 16

"""The queue's filters: me and unassigned, an organization by part of its name, a requester."""

from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket


def _subjects(client, query: str) -> str:  # type: ignore[no-untyped-def]
    return client.get(f"/desk/?{query}").content.decode()


def test_me_and_unassigned_split_the_queue(personas, login):
    mine = open_ticket(subject="Mine to answer")
    ticket_update(mine, personas.tier1, assignee=personas.tier1)
    other = open_ticket(subject="Nobody has this")
    ticket_update(other, personas.tier1, assignee=None)
    client = login(personas.tier1)
    page = _subjects(client, "assignee=me")
    assert "Mine to answer" in page and "Nobody has this" not in page
    page = _subjects(client, "assignee=none")
    assert "Nobody has this" in page and "Mine to answer" not in page


def test_organization_by_part_of_its_name_and_suggestions(personas, login):
    open_ticket("bob@globex.example", subject="Globex error")
    open_ticket("alice@acme.example", subject="Acme error")
    client = login(personas.tier1)
    page = _subjects(client, "organization=glob")
    assert "Globex error" in page and "Acme error" not in page
    suggested = client.get("/desk/suggest/organizations?q=gl").json()["suggestions"]
    assert [s["value"] for s in suggested] == ["Globex"]


def test_the_requester_filter_takes_an_address(personas, login):
    open_ticket("bob@globex.example", subject="From Bob")
    open_ticket("alice@acme.example", subject="From Alice")
    client = login(personas.tier1)
    page = _subjects(client, "requester=bob%40globex.example")
    assert "From Bob" in page and "From Alice" not in page
    suggested = client.get("/desk/suggest/contacts?q=bob").json()["suggestions"]
    assert suggested[0]["value"] == "bob@globex.example"


def test_customers_get_no_suggestions(personas, login):
    response = login(personas.alice).get("/desk/suggest/contacts?q=bob")
    assert response.status_code == 403

from charterdesk.tickets.models import Status
from tests.tickets.factories import open_ticket


def test_queue_lists_open_tickets_most_urgent_first(login, personas):
    open_ticket("bob@globex.example", subject="Low one", priority="low")
    open_ticket(
        "alice@acme.example", subject="Urgent one", request_type="downtime", priority="urgent"
    )
    solved = open_ticket("carol@initech.example", subject="Solved one")
    solved.status = Status.SOLVED
    solved.save()
    page = login(personas.tier1).get("/desk/").content.decode()
    assert page.index("Urgent one") < page.index("Low one")
    assert "Solved one" not in page


def test_queue_filters_by_organization_and_type(login, personas):
    open_ticket("bob@globex.example", subject="Globex error")
    open_ticket("alice@acme.example", subject="Acme howto", request_type="how_to")
    client = login(personas.tier1)
    acme = personas.alice.contact.organization_id
    page = client.get(f"/desk/?organization={acme}").content.decode()
    assert "Acme howto" in page and "Globex error" not in page
    page = client.get("/desk/?type=error").content.decode()
    assert "Globex error" in page and "Acme howto" not in page


def test_agent_answers_with_a_reply_and_a_note(login, personas):
    ticket = open_ticket()
    client = login(personas.tier1)
    client.post(
        f"/desk/tickets/{ticket.pk}/reply",
        {"body": "Public answer", "visibility": "public", "status": "pending"},
    )
    client.post(
        f"/desk/tickets/{ticket.pk}/reply", {"body": "Internal theory", "visibility": "internal"}
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "Public answer" in page and "Internal theory" in page


def test_agent_reclassifies_from_the_ticket_page(login, personas):
    ticket = open_ticket("carol@initech.example", request_type="error")
    client = login(personas.tier1)
    response = client.post(
        f"/desk/tickets/{ticket.pk}/properties",
        {
            "request_type": "how_to",
            "priority": "high",
            "status": "open",
            "queue": ticket.queue_id,
            "assignee": personas.tier1.pk,
        },
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.request_type, ticket.coverage, ticket.assignee) == (
        "how_to",
        "metered",
        personas.tier1,
    )


def test_empty_reply_is_a_form_error_not_a_crash(login, personas):
    ticket = open_ticket()
    response = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/reply", {"body": "", "visibility": "public"}
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_queue_first_page_does_not_query_per_row(login, personas, django_assert_max_num_queries):
    for i in range(30):
        open_ticket("bob@globex.example", subject=f"Bulk {i}")
    client = login(personas.tier1)
    # 10 for the queue itself and 1 for its category filter's choices; the workspace adds 5
    # whatever the page holds: saved views with their counts, the bulk bar's agents, macros
    # and categories, the last bulk action to undo
    with django_assert_max_num_queries(16):
        assert client.get("/desk/").status_code == 200


def test_coverage_page_is_generated_from_the_plans(client, db, personas):
    page = client.get("/coverage/").content.decode()
    for text in (
        "What our support covers",
        "Gold",
        "Silver",
        "Bronze",
        "My site is down",
        "Metered",
        "Up to 3 authorized contacts",
    ):
        assert text in page


def test_queue_filters_by_organization_name_and_explains_an_unknown_one(login, personas):
    open_ticket("bob@globex.example", subject="Globex error")
    client = login(personas.tier1)
    page = client.get("/desk/?organization=globex").content.decode()
    assert "Globex error" in page
    page = client.get("/desk/?organization=Nobody+Inc").content.decode()
    assert "No organization matches “Nobody Inc”." in page
    assert "Globex error" not in page

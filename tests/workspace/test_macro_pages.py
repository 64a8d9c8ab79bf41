from charterdesk.tickets.models import Message
from charterdesk.workspace.models import Macro, MacroVisibility
from charterdesk.workspace.services import MacroInput, macro_create
from tests.tickets.factories import open_ticket


def test_an_agent_writes_a_macro_and_applies_it_from_the_ticket_page(personas, login):
    client = login(personas.tier1)
    response = client.post(
        "/desk/macros/new",
        {
            "title": "Thanks",
            "body": "Thanks {{ requester.first_name }}!",
            "visibility": "personal",
            "status": "pending",
            "add_tags": "thanked",
        },  # fmt: skip
        follow=True,
    )
    assert "Macro “Thanks” saved." in response.content.decode()
    macro = Macro.objects.get()
    ticket = open_ticket()
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert f'<option value="{macro.pk}">Thanks</option>' in page
    response = client.post(f"/desk/tickets/{ticket.pk}/macro", {"macro": macro.pk}, follow=True)
    page = response.content.decode()
    assert "Macro “Thanks” applied. Changed: tags, status." in page
    assert Message.objects.filter(ticket=ticket, from_staff=True, body__startswith="Thanks ")


def test_a_wrong_placeholder_shows_on_the_form(personas, login):
    response = login(personas.tier1).post(
        "/desk/macros/new",
        {"title": "Oops", "body": "Hi {{ user.password }}", "visibility": "personal"},
    )
    assert response.status_code == 200
    assert "Unknown placeholder: user.password" in response.content.decode()


def test_the_preview_renders_the_reply_for_the_ticket(personas, login):
    macro = macro_create(personas.tier1, MacroInput(title="Hi", body="Ticket {{ ticket.id }}"))
    ticket = open_ticket()
    data = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/macros/{macro.pk}/preview")
    assert data.json() == {"body": f"Ticket {ticket.pk}", "note": ""}


def test_an_agent_cannot_use_another_agents_personal_macro(personas, login):
    macro = macro_create(personas.tier2, MacroInput(title="Mine", body="Private"))
    ticket = open_ticket()
    client = login(personas.tier1)
    assert client.post(f"/desk/tickets/{ticket.pk}/macro", {"macro": macro.pk}).status_code == 404
    assert client.get(f"/desk/macros/{macro.pk}").status_code == 404
    assert not Message.objects.filter(ticket=ticket, from_staff=True).exists()


def test_the_macro_list_shows_usage_counts_without_a_query_per_macro(
    personas, login, django_assert_max_num_queries
):
    for n in range(8):
        macro_create(
            personas.manager,
            MacroInput(title=f"Shared {n}", body="Hello", visibility=MacroVisibility.SHARED),
        )
    Macro.objects.filter(title="Shared 3").update(usage_count=41)
    client = login(personas.tier1)
    with django_assert_max_num_queries(12):
        page = client.get("/desk/macros/").content.decode()
    assert page.index("Shared 3") < page.index("Shared 0")
    assert "41 times" in page


def test_customers_cannot_open_macros(personas, login):
    assert login(personas.alice).get("/desk/macros/").status_code in (403, 404)

"""An administrator defines the ticket's own fields on a settings page: a type, the
choices of a drop-down, whether solving needs it, whether customers see it. The model
keeps the rules, so the page, the Django admin and a shell save refuse the same values,
and a field is deactivated, never deleted."""

import pytest
from django.core.exceptions import ValidationError

from charterdesk.core.models import AuditEntry
from charterdesk.tickets.models import CustomField, FieldKind
from charterdesk.tickets.services.fields import ticket_set_fields
from tests.tickets.factories import open_ticket
from tests.workspace.factories import custom_field

GOOD = {
    "label": "Environment",
    "key": "environment",
    "kind": FieldKind.DROPDOWN,
    "options": "production\nstaging\n\n",
    "position": "0",
    "required_to_solve": "on",
}


def test_an_administrator_adds_a_drop_down_field(login, personas):
    client = login(personas.admin)
    page = client.post("/manage/custom-fields/new", GOOD)
    field = CustomField.objects.get(key="environment")
    assert page["Location"] == f"/manage/custom-fields/{field.pk}/"
    assert field.options == ["production", "staging"]
    assert field.required_to_solve and not field.visible_to_customers and field.active
    listed = client.get("/manage/custom-fields/").content.decode()
    assert "Environment" in listed and "required to solve" in listed and "(2 choices)" in listed
    entry = AuditEntry.objects.get(kind="tickets.customfield", object_id=str(field.pk))
    assert entry.actor == personas.admin


@pytest.mark.parametrize(
    ("change", "field_error"),
    [
        ({"options": "production"}, "A drop-down needs at least two choices."),
        ({"options": "production\nProduction"}, "Each choice is listed once."),
        ({"options": "a\n" + "b" * 101}, "Each choice has 1 to 100 characters."),
        ({"key": "status"}, "“status” names a ticket property"),
        ({"key": "9lives"}, "Start the key with a letter"),
        ({"kind": "fax"}, "Select a valid choice."),
        ({"label": ""}, "This field is required."),
    ],
)
def test_a_bad_field_is_an_error_at_its_field(login, personas, change, field_error):
    client = login(personas.admin)
    page = client.post("/manage/custom-fields/new", GOOD | change)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nothing was saved" in html and field_error in html
    assert not CustomField.objects.exists()


def test_the_choices_of_another_type_are_not_kept(login, personas):
    client = login(personas.admin)
    client.post("/manage/custom-fields/new", GOOD | {"kind": FieldKind.TEXT, "options": "x"})
    assert CustomField.objects.get(key="environment").options == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "fax"}, "kind"),
        ({"kind": FieldKind.DROPDOWN, "options": ["only one"]}, "options"),
        ({"kind": FieldKind.TEXT, "options": ["a", "b"]}, "options"),
        ({"kind": FieldKind.DROPDOWN, "options": "a,b"}, "options"),
        ({"key": "queue"}, "key"),
    ],
)
def test_the_model_refuses_the_same_values_outside_the_page(personas, values, field):
    with pytest.raises(ValidationError) as refused:
        custom_field(**({"key": "environment"} | values))
    assert field in refused.value.message_dict
    assert not CustomField.objects.exists()


def test_a_field_with_values_keeps_its_type(login, personas):
    field = custom_field("environment")
    ticket = open_ticket()
    ticket_set_fields(ticket, personas.tier1, {"environment": "staging"})
    client = login(personas.admin)
    page = client.post(
        f"/manage/custom-fields/{field.pk}/", GOOD | {"kind": FieldKind.NUMBER, "options": ""}
    )
    assert "Tickets have values of this field, so its type stays" in page.content.decode()
    field.refresh_from_db()
    assert field.kind == FieldKind.DROPDOWN


def test_a_deactivated_field_keeps_its_values_and_comes_back(login, personas):
    field = custom_field("environment")
    client = login(personas.admin)
    page = client.post(f"/manage/custom-fields/{field.pk}/deactivate", follow=True)
    assert "deactivated: tickets keep their values" in page.content.decode()
    field.refresh_from_db()
    assert not field.active
    client.post(f"/manage/custom-fields/{field.pk}/reactivate")
    field.refresh_from_db()
    assert field.active and CustomField.objects.count() == 1


def test_only_administrators_define_ticket_fields(login, personas):
    field = custom_field("environment")
    for user in (personas.manager, personas.tier1):
        client = login(user)
        assert client.get("/manage/custom-fields/").status_code == 403
        assert client.post(f"/manage/custom-fields/{field.pk}/deactivate").status_code == 403
    assert "Ticket fields" not in login(personas.manager).get("/manage/").content.decode()
    assert "Ticket fields" in login(personas.admin).get("/manage/").content.decode()
    field.refresh_from_db()
    assert field.active


def test_the_django_admin_saves_through_the_same_rules(login, personas):
    client = login(personas.admin)
    data = GOOD | {"options": "production", "active": "on"}
    page = client.post("/admin/tickets/customfield/add/", data)
    assert page.status_code == 200
    assert "A drop-down needs at least two choices." in page.content.decode()
    assert not CustomField.objects.exists()


def test_the_list_reads_a_page_at_once(login, personas, django_assert_max_num_queries):
    for number in range(60):
        custom_field(f"field_{number}", kind=FieldKind.TEXT, options=[])
    client = login(personas.admin)
    with django_assert_max_num_queries(5):
        html = client.get("/manage/custom-fields/").content.decode()
    assert html.count("<code>field_") == 50 and "Page 1 of 2" in html

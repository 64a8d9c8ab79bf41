"""Every nonsense value of issue #11 is refused with a field error on the settings page and
in the Django admin (the API's refusals are in tests/api/test_config_invalid_values_reach_no_row.py,
the database's own checks in tests/plans and tests/mailboxes), and none reaches a row:
the channel "fax", the SLA action "call_the_ceo", a consulting rate of -100, a contract
ending 9999-12-31, ending before it starts, overlapping another, with an administrator
from another organization, a mailbox on port 99999, and a half-finished plan on the
public coverage page."""

from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.test import Client

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Contact
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Contract, Plan, PlanStatus
from charterdesk.sla.models import Calendar
from tests.plans.admin_forms import contract_admin_data

from .test_mailboxes_page import GOOD as MAILBOX
from .test_plans_page import _copy, _post_data

NO_INLINES = {
    f"{prefix}-{count}": "0"
    for prefix in ("coverages", "targets", "versions")
    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def _unchanged(model: type, before: list[dict[str, Any]]) -> None:
    assert [model_to_dict(row) for row in model.objects.order_by("pk")] == before


def _rows(model: type) -> list[dict[str, Any]]:
    return [model_to_dict(row) for row in model.objects.order_by("pk")]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"channels": ["portal", "fax"]}, "fax is not one of the available choices"),
        ({"sla_breach_actions": ["call_the_ceo"]}, "call_the_ceo is not one of the available"),
        ({"consulting_rate": "-100"}, "zero or more"),
    ],
)
def test_the_plan_page_refuses_each_value_at_its_field(login, personas, change, words):
    client = login(personas.manager)
    platinum, _ = _copy(client)
    before, audited = _rows(Plan), AuditEntry.objects.count()
    page = client.post(f"/manage/plans/{platinum.pk}/", _post_data(client, platinum, **change))
    html = page.content.decode()
    assert page.status_code == 200 and words in html
    _unchanged(Plan, before)
    assert AuditEntry.objects.count() == audited


def _plan_admin_data(client: Client, plan: Plan, **changes: object) -> dict[str, object]:
    form = client.get(f"/admin/plans/plan/{plan.pk}/change/").context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data |= {"channels": '["portal"]', "sla_warning_actions": "[]", "sla_breach_actions": "[]"}
    return {k: ("" if v is None else v) for k, v in (data | NO_INLINES | changes).items()}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"channels": '["portal", "fax"]'}, "channels", "“fax” is not one of the channels"),
        (
            {"sla_breach_actions": '["call_the_ceo"]'},
            "sla_breach_actions",
            "“call_the_ceo” is not one of the SLA actions",
        ),
        ({"consulting_rate": "-100"}, "consulting_rate", "zero or more"),
    ],
)
def test_the_admin_refuses_each_plan_value_at_its_field(login, personas, change, field, words):
    draft, _ = _copy(login(personas.manager))
    client = login(personas.admin)
    before = _rows(Plan)
    page = client.post(
        f"/admin/plans/plan/{draft.pk}/change/", _plan_admin_data(client, draft, **change)
    )
    assert page.status_code == 200
    assert words in str(page.context["adminform"].form.errors[field])
    _unchanged(Plan, before)


@pytest.fixture
def acme_contract(personas) -> Contract:
    return Contract.objects.filter(organization__name="Acme Corp").order_by("starts_on").last()


def _contract_cases(contract: Contract) -> list[tuple[dict[str, object], str, str]]:
    bob = Contact.objects.get(email="bob@globex.example")
    return [
        ({"ends_on": "9999-12-31"}, "ends_on", "on or before 31 Dec 2099"),
        (
            {"ends_on": str(contract.starts_on.replace(year=contract.starts_on.year - 1))},
            "ends_on",
            "end after it starts",
        ),
        ({"administrators": [bob.pk]}, "administrators", "bob@globex.example"),
    ]


def test_the_admin_refuses_each_contract_value_at_its_field(login, personas, acme_contract):
    client = login(personas.admin)
    url = f"/admin/plans/contract/{acme_contract.pk}/change/"
    for change, field, words in _contract_cases(acme_contract):
        before = _rows(Contract)
        page = client.post(url, contract_admin_data(acme_contract, **change))
        assert page.status_code == 200, change
        assert words in str(page.context["adminform"].form.errors[field]), change
        _unchanged(Contract, before)
        assert not acme_contract.administrators.filter(email="bob@globex.example").exists()


def test_the_admin_refuses_an_overlapping_contract(login, personas, acme_contract):
    client = login(personas.admin)
    data = contract_admin_data(acme_contract)
    before = _rows(Contract)
    page = client.post(
        "/admin/plans/contract/add/", data | {"administrators": [], "authorized_contacts": []}
    )
    assert page.status_code == 200
    assert "overlaps" in str(page.context["adminform"].form.errors)
    _unchanged(Contract, before)


@pytest.mark.parametrize("where", ["page", "admin"])
def test_a_mailbox_on_port_99999_is_refused_at_its_field(login, personas, where):
    user = personas.manager if where == "page" else personas.admin
    url = "/manage/mailboxes/new" if where == "page" else "/admin/mailboxes/mailbox/add/"
    data = MAILBOX | {"port": "99999", "queue": "", "plan": ""}
    page = login(user).post(url, data)
    assert page.status_code == 200
    assert "A port is a number from 1 to 65535." in page.content.decode()
    assert not Mailbox.objects.exists()


def test_a_plan_saved_as_published_in_the_admin_stays_a_draft(login, personas):
    client = login(personas.admin)
    calendar = Calendar.objects.get(name="24×7")
    data = {"name": "Half-finished", "slug": "half-finished", "calendar": calendar.pk}
    form = client.get("/admin/plans/plan/add/").context["adminform"].form
    data = {name: form[name].value() for name in form.fields} | data
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data |= {"channels": '["portal"]', "sla_warning_actions": "[]", "sla_breach_actions": "[]"}
    page = client.post("/admin/plans/plan/add/", data | NO_INLINES | {"status": "published"})
    assert page.status_code == 302, page.context["adminform"].form.errors
    assert Plan.objects.get(name="Half-finished").status == PlanStatus.DRAFT
    assert "Half-finished" not in Client().get("/coverage/").content.decode()


def test_a_plan_that_decides_nothing_is_not_published(login, personas, api):
    client = login(personas.manager)
    page = client.post(
        "/manage/plans/",
        {"name": "Half-finished", "calendar": Calendar.objects.get(name="24×7").pk},
    )
    plan = Plan.objects.get(name="Half-finished")
    assert not plan.coverages.exists()
    page = client.post(f"/manage/plans/{plan.pk}/publish", follow=True)
    assert "Not published: Decide what the plan covers" in page.content.decode()
    response = api.as_(personas.manager).post(f"/api/v1/config/plans/{plan.pk}/publish")
    assert response.status_code == 422 and "coverages" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert "Half-finished" not in Client().get("/coverage/").content.decode()

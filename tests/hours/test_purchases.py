from decimal import Decimal

from charterdesk.hours.models import Purchase
from charterdesk.hours.selectors import bank_of
from charterdesk.plans.models import Contract


def _initech() -> Contract:
    return Contract.objects.get(organization__name="Initech")


def _buy(client, contract, **body):
    return client.post(
        f"/api/v1/contracts/{contract.pk}/purchases", body, content_type="application/json"
    )


def test_a_manager_records_purchased_hours_and_the_contract_field_grows(personas, api):
    contract = _initech()
    before = contract.hours_purchased
    response = _buy(api.as_(personas.manager), contract, hours="5.5", note="PO 1234")
    assert response.status_code == 201, response.content
    contract.refresh_from_db()
    assert contract.hours_purchased == before + Decimal("5.5")
    purchase = Purchase.objects.get(contract=contract)
    assert (purchase.recorded_by, purchase.note) == (personas.manager, "PO 1234")
    assert bank_of(contract).purchased == before + Decimal("5.5")


def test_agents_who_are_not_managers_cannot_record_purchases(personas, api):
    assert _buy(api.as_(personas.tier1), _initech(), hours="2").status_code == 403


def test_customers_cannot_see_other_contracts_or_buy_hours(personas, api):
    alice = api.as_(personas.alice)
    assert _buy(alice, _initech(), hours="2").status_code == 404
    assert alice.get(f"/api/v1/contracts/{_initech().pk}/hours").status_code == 404


def test_bad_hours_get_a_field_message(personas, api):
    response = _buy(api.as_(personas.manager), _initech(), hours="-1")
    assert response.status_code == 422
    assert "hours" in response.json()["errors"]


def test_a_customer_reads_their_own_bank(personas, api):
    response = api.as_(personas.carol).get(f"/api/v1/contracts/{_initech().pk}/hours")
    assert response.status_code == 200
    assert response.json()["organization"] == "Initech"
    assert Decimal(response.json()["included_hours"]) == Decimal(10)


def test_a_manager_records_a_purchase_on_the_desk_page(personas, login):
    contract = _initech()
    page = login(personas.manager).post(
        f"/desk/contracts/{contract.pk}/hours", {"hours": "3", "note": "Top-up"}, follow=True
    )
    assert "Recorded 3 purchased hours" in page.content.decode()
    assert Purchase.objects.filter(contract=contract, hours=3).exists()


def test_a_purchase_recorded_in_the_admin_site_also_grows_the_contract(personas, login):
    contract = _initech()
    before = contract.hours_purchased
    login(personas.admin).post(
        "/admin/hours/purchase/add/", {"contract": contract.pk, "hours": "2", "note": "Admin"}
    )
    contract.refresh_from_db()
    assert contract.hours_purchased == before + 2
    assert Purchase.objects.get(contract=contract).recorded_by == personas.admin


def test_bad_hours_in_the_admin_site_are_a_form_error(personas, login):
    contract = _initech()
    page = login(personas.admin).post(
        "/admin/hours/purchase/add/", {"contract": contract.pk, "hours": "-2"}
    )
    assert page.status_code == 200
    assert "greater than or equal to 0.25" in page.content.decode()
    assert not Purchase.objects.exists()

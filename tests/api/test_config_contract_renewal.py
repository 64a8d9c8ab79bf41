"""Renewing a contract by API creates its next period, with the same contacts."""

from charterdesk.plans.models import Contract

from .config_helpers import send


def test_renew_creates_the_next_period(api, personas):
    client = api.as_(personas.manager)
    contract = Contract.objects.get(organization__name="Acme Corp")

    response = send(client, "post", f"/api/v1/config/contracts/{contract.pk}/renew")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["starts_on"] == "2028-01-01" and body["ends_on"] == "2029-12-31"
    assert body["authorized_contacts"] == ["alice@acme.example", "wile@acme.example"]
    assert Contract.objects.filter(organization__name="Acme Corp").count() == 2


def test_contract_without_end_cannot_be_renewed(api, personas):
    client = api.as_(personas.manager)
    contract = Contract.objects.get(organization__name="Acme Corp")
    send(client, "patch", f"/api/v1/config/contracts/{contract.pk}", {"ends_on": None})

    response = send(client, "post", f"/api/v1/config/contracts/{contract.pk}/renew")

    assert response.status_code == 422
    assert "no end" in response.json()["errors"]["ends_on"][0]
    assert Contract.objects.filter(organization__name="Acme Corp").count() == 1

import json

from charterdesk.tickets.services import category_create

from .factories import open_ticket


def send(client, method, url, data):  # type: ignore[no-untyped-def]
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_manager_builds_the_tree_and_agents_read_it(api, personas):
    manager = api.as_(personas.manager)
    billing = send(manager, "post", "/api/v1/categories", {"name": "Billing"}).json()
    response = send(
        manager, "post", "/api/v1/categories", {"name": "Refunds", "parent_id": billing["id"]}
    )
    assert response.status_code == 201
    assert response.json()["path"] == "Billing › Refunds"
    paths = [c["path"] for c in api.as_(personas.tier1).get("/api/v1/categories").json()]
    assert paths == ["Billing", "Billing › Refunds"]


def test_manager_renames_and_deactivates_over_the_api(api, personas):
    billing = category_create(actor=personas.manager, name="Billing")
    response = send(
        api.as_(personas.manager),
        "patch",
        f"/api/v1/categories/{billing.pk}",
        {"name": "Payments", "active": False},
    )
    assert response.status_code == 200
    assert response.json() | {"id": 0} == {
        "id": 0,
        "name": "Payments",
        "path": "Payments",
        "parent_id": None,
        "active": False,
        "position": 0,
        "outside_scope": False,
    }


def test_agents_cannot_add_categories_and_customers_cannot_list_them(api, personas):
    response = send(api.as_(personas.tier1), "post", "/api/v1/categories", {"name": "X"})
    assert response.status_code == 403
    assert api.as_(personas.alice).get("/api/v1/categories").status_code == 403


def test_a_duplicate_name_is_a_field_error(api, personas):
    category_create(actor=personas.manager, name="Billing")
    response = send(api.as_(personas.manager), "post", "/api/v1/categories", {"name": "billing"})
    assert response.status_code == 422
    assert "exists already" in json.dumps(response.json())


def test_agent_sets_a_category_and_customer_never_sees_it(api, personas):
    refunds = category_create(
        actor=personas.manager,
        name="Refunds",
        parent=category_create(actor=personas.manager, name="Billing"),
    )
    ticket = open_ticket()
    url = f"/api/v1/tickets/{ticket.pk}"
    response = send(api.as_(personas.tier1), "patch", url, {"category_id": refunds.pk})
    assert response.status_code == 200
    assert response.json()["category"] == {
        "id": refunds.pk,
        "name": "Refunds",
        "path": "Billing › Refunds",
    }
    assert response.json()["category_source"] == "person"
    as_customer = api.as_(personas.alice).get(url).json()
    assert as_customer["category"] is None and as_customer["category_source"] == ""
    history = api.as_(personas.alice).get(f"{url}/history")
    assert history.status_code == 200
    assert "Refunds" in json.dumps(api.as_(personas.tier1).get(f"{url}/history").json())
    assert "Refunds" not in json.dumps(history.json())


def test_an_unknown_category_id_is_a_field_error(api, personas):
    ticket = open_ticket()
    url = f"/api/v1/tickets/{ticket.pk}"
    response = send(api.as_(personas.tier1), "patch", url, {"category_id": 99999})
    assert response.status_code == 422
    assert "category_id" in json.dumps(response.json())

from charterdesk.customers.models import Organization
from charterdesk.routing.models import Queue, RoutingRule

URL = "/api/v1/routing-rules"
JSON = "application/json"


def _frontline():
    return Queue.objects.get(name="Frontline")


def _rule(name, position=0, **fields):
    return RoutingRule.objects.create(
        name=name, position=position, queue=fields.pop("queue", None) or _frontline(), **fields
    )


def test_a_manager_creates_a_rule_and_agents_list_them_in_order(personas, api):
    _rule("Later", position=50)
    globex = Organization.objects.get(name="Globex")
    created = api.as_(personas.manager).post(
        URL,
        {
            "name": "Globex downtime",
            "position": 10,
            "queue": Queue.objects.get(name="Incidents").pk,
            "request_types": ["downtime"],
            "organizations": [globex.pk],
            "channels": ["email", "phone"],
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    assert created.json()["queue"]["name"] == "Incidents"
    listed = api.as_(personas.tier1).get(URL).json()
    assert [r["name"] for r in listed["items"]] == ["Globex downtime", "Later"]
    assert listed["items"][0]["conditions"]["organizations"] == [globex.pk]


def test_bad_rules_get_field_messages(personas, api):
    _rule("Taken")
    response = api.as_(personas.manager).post(
        URL,
        {
            "name": "Taken",
            "queue": 999999,
            "channels": ["pigeon"],
            "organizations": [999999],
            "request_types": ["nonsense"],
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "request_types.0" in str(response.json()["errors"])
    fixed = api.as_(personas.manager).post(
        URL,
        {"name": "Taken", "queue": 999999, "channels": ["pigeon"], "organizations": [999999]},
        content_type=JSON,
    )
    assert fixed.status_code == 422
    assert set(fixed.json()["errors"]) == {"name", "queue", "channels", "organizations"}
    assert RoutingRule.objects.count() == 1


def test_a_manager_edits_disables_and_deletes_a_rule(personas, api):
    rule = _rule("German", languages=["de"])
    client = api.as_(personas.manager)
    patched = client.patch(
        f"{URL}/{rule.pk}", {"enabled": False, "languages": ["de", "at"]}, content_type=JSON
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["enabled"] is False
    assert patched.json()["conditions"]["languages"] == ["de", "at"]
    assert patched.json()["name"] == "German"
    assert client.delete(f"{URL}/{rule.pk}").status_code == 204
    assert not RoutingRule.objects.exists()
    assert client.delete(f"{URL}/{rule.pk}").status_code == 404


def test_a_manager_reorders_the_rules(personas, api):
    a, b, c = _rule("A", 1), _rule("B", 2), _rule("C", 3)
    client = api.as_(personas.manager)
    moved = client.put(f"{URL}/order", {"ids": [c.pk, a.pk, b.pk]}, content_type=JSON)
    assert moved.status_code == 200, moved.content
    assert [r["name"] for r in client.get(URL).json()["items"]] == ["C", "A", "B"]
    partial = client.put(f"{URL}/order", {"ids": [c.pk, a.pk]}, content_type=JSON)
    assert partial.status_code == 422
    assert "ids" in partial.json()["errors"]


def test_agents_read_rules_but_only_managers_change_them(personas, api):
    rule = _rule("Any")
    client = api.as_(personas.tier2)
    assert client.get(URL).status_code == 200
    created = client.post(URL, {"name": "Mine", "queue": _frontline().pk}, content_type=JSON)
    patched = client.patch(f"{URL}/{rule.pk}", {"enabled": False}, content_type=JSON)
    deleted = client.delete(f"{URL}/{rule.pk}")
    assert (created.status_code, patched.status_code, deleted.status_code) == (403, 403, 403)
    assert RoutingRule.objects.get().enabled


def test_customers_cannot_see_or_change_rules(personas, api):
    rule = _rule("Any")
    client = api.as_(personas.alice)
    assert client.get(URL).status_code == 403
    assert client.patch(f"{URL}/{rule.pk}", {"enabled": False}, content_type=JSON).status_code in (
        403,
        404,
    )
    assert client.delete(f"{URL}/{rule.pk}").status_code in (403, 404)
    assert RoutingRule.objects.get().enabled


def test_the_rules_list_is_paginated(personas, api, django_assert_max_num_queries):
    for i in range(5):
        _rule(f"Rule {i}", i)
    client = api.as_(personas.tier1)
    with django_assert_max_num_queries(4):
        first = client.get(f"{URL}?limit=3").json()
    assert [r["name"] for r in first["items"]] == ["Rule 0", "Rule 1", "Rule 2"]
    second = client.get(first["next"]).json()
    assert [r["name"] for r in second["items"]] == ["Rule 3", "Rule 4"]
    assert second["next"] is None
    assert client.get(f"{URL}?limit=0").status_code == 422


def test_agents_try_a_request_against_the_rules_without_writing(personas, api):
    _rule(
        "Downtime to incidents",
        request_types=["downtime"],
        queue=Queue.objects.get(name="Incidents"),
    )
    response = api.as_(personas.tier1).post(
        "/api/v1/routing/trial", {"type": "downtime", "channel": "email"}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    assert (response.json()["rule"], response.json()["queue"]["name"]) == (
        "Downtime to incidents",
        "Incidents",
    )
    bad = api.as_(personas.tier1).post(
        "/api/v1/routing/trial", {"type": "downtime", "organization": 99999}, content_type=JSON
    )
    assert bad.status_code == 422


def test_rules_match_and_set_categories_through_the_api(personas, api):
    from charterdesk.tickets.services import category_create

    billing = category_create(actor=personas.manager, name="Billing")
    client = api.as_(personas.manager)
    created = client.post(
        URL,
        {
            "name": "Billing",
            "queue": _frontline().pk,
            "categories": [billing.pk],
            "set_category": billing.pk,
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["conditions"]["categories"] == [billing.pk]
    assert body["set_category"] == {"id": billing.pk, "path": "Billing"}
    cleared = client.patch(f"{URL}/{body['id']}", {"set_category": None}, content_type=JSON)
    assert cleared.json()["set_category"] is None
    wrong = client.post(
        URL,
        {"name": "X", "queue": _frontline().pk, "categories": [999999], "set_category": 999998},
        content_type=JSON,
    )
    assert wrong.status_code == 422
    assert set(wrong.json()["errors"]) >= {"categories", "set_category"}

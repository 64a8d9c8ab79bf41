def test_customer_sees_only_their_own_organization_and_contracts(api, personas):
    client = api.as_(personas.alice)
    orgs = client.get("/api/v1/organizations").json()["items"]
    assert [o["name"] for o in orgs] == ["Acme Corp"]
    contracts = client.get("/api/v1/contracts").json()["items"]
    assert [c["plan"] for c in contracts] == ["Gold"]
    globex_id = personas.bob.contact.organization_id
    assert client.get(f"/api/v1/organizations/{globex_id}").status_code == 404
    emails = {c["email"] for c in client.get("/api/v1/contacts").json()["items"]}
    assert emails == {"alice@acme.example", "wile@acme.example"}


def test_agent_sees_every_organization(api, personas):
    names = {
        o["name"] for o in api.as_(personas.tier1).get("/api/v1/organizations").json()["items"]
    }
    assert {"Acme Corp", "Globex", "Initech"} <= names


def test_plans_show_coverage_and_targets(api, personas):
    plans = {p["name"]: p for p in api.as_(personas.bob).get("/api/v1/plans").json()}
    assert list(plans) == ["Gold", "Silver", "Bronze"]
    bronze = {c["request_type"]: c["decision"] for c in plans["Bronze"]["coverage"]}
    assert bronze == {
        "downtime": "included",
        "error": "included",
        "how_to": "metered",
        "consulting": "billable",
    }
    assert plans["Bronze"]["max_authorized_contacts"] == 3
    urgent_downtime = {
        t["metric"]: t["minutes"]
        for t in plans["Gold"]["targets"]
        if (t["request_type"], t["priority"]) == ("downtime", "urgent")
    }
    assert urgent_downtime == {
        "first_reply": 30,
        "next_reply": 30,
        "periodic_update": 60,
        "resolution": 240,
    }


def test_openapi_document_describes_the_ticket_endpoints(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {
        "/api/v1/tickets",
        "/api/v1/tickets/{ticket_id}",
        "/api/v1/tickets/{ticket_id}/messages",
        "/api/v1/tickets/{ticket_id}/history",
    } <= set(spec["paths"])


def test_healthz_answers_without_the_database(client):
    # No `db` fixture: pytest-django blocks the database, so any query would fail this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"

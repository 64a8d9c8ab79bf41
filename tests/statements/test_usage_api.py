URL = "/api/v1/contracts/{}/usage"


def test_an_agent_reads_a_contracts_statement_with_hours_as_decimal_numbers(api, personas, july):
    response = api.as_(personas.tier1).get(URL.format(july.acme.pk), {"month": "2026-07"})
    assert response.status_code == 200
    body = response.json()
    assert (body["hours_included"], body["hours_purchased"]) == (40.0, 10.0)
    assert (body["hours_used"], body["hours_remaining"]) == (4.25, 35.75)
    assert body["tickets_by_type"] == {"downtime": 1, "error": 2, "how_to": 1, "consulting": 1}
    assert body["tickets_by_coverage"]["metered"] == 3
    assert body["tickets_by_priority"]["normal"] == 2
    assert body["by_requester"][0] == {
        "contact_id": body["by_requester"][0]["contact_id"],
        "name": "Alice Archer",
        "email": "alice@acme.example",
        "tickets": 3,
        "hours": 4.25,
    }
    assert body["time_by_activity"]["investigation"] == 3.5
    assert body["time_by_tier"] == {"1": 1.5, "2": 2.5, "3": 2.0}
    assert body["sla_attainment"]["first_reply"] == {
        "achieved": 2,
        "breached": 1,
        "active": 1,
        "percent": 66.7,
    }
    assert body["promises"]["kept"] == 1 and body["promises"]["broken"] == 1
    assert body["satisfaction"]["answers"] == 3 and body["satisfaction"]["average"] == 3.67
    assert body["time_zone"] == "Europe/London"


def test_a_customer_reads_their_own_organizations_statement(api, personas, july):
    response = api.as_(personas.alice).get(URL.format(july.acme.pk), {"month": "2026-07"})
    assert response.status_code == 200
    assert response.json()["organization"] == "Acme Corp"


def test_a_customer_cannot_read_another_organizations_statement(api, personas, july):
    response = api.as_(personas.alice).get(URL.format(july.globex.pk), {"month": "2026-07"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "Globex" not in response.content.decode()


def test_a_month_that_is_not_yyyy_mm_is_refused_with_a_field_message(api, personas, july):
    response = api.as_(personas.tier1).get(URL.format(july.acme.pk), {"month": "2026-13"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "YYYY-MM" in response.json()["errors"]["month"][0]


def test_an_unknown_contract_is_not_found(api, personas, july):
    response = api.as_(personas.manager).get(URL.format(999999), {"month": "2026-07"})
    assert response.status_code == 404


def test_the_statement_api_takes_a_bounded_number_of_queries(
    api, personas, july, django_assert_max_num_queries
):
    client = api.as_(personas.tier1)
    with django_assert_max_num_queries(10):  # token and its last use, contract, 7 aggregates
        response = client.get(URL.format(july.acme.pk), {"month": "2026-07"})
    assert response.status_code == 200


def test_a_month_out_of_range_is_refused_not_a_server_error(api, personas, july):
    response = api.as_(personas.tier1).get(URL.format(july.acme.pk), {"month": "9999-12"})
    assert response.status_code == 422
    assert "between 1970 and 9998" in response.json()["errors"]["month"][0]

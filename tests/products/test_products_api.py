from tests.products.factories import product


def test_an_administrator_creates_a_product_and_a_version(personas, api):
    client = api.as_(personas.admin)
    response = client.post(
        "/api/v1/products", {"name": "Storefront", "description": "The shop"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["name"], created["slug"], created["active"]) == (
        "Storefront",
        "storefront",
        True,
    )
    response = client.post(
        f"/api/v1/products/{created['id']}/versions",
        {"version": "4.1", "released_on": "2026-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    shown = client.get(f"/api/v1/products/{created['id']}").json()
    assert [v["version"] for v in shown["versions"]] == ["4.1"]


def test_a_duplicate_name_is_a_field_error(personas, api):
    product("Storefront")
    response = api.as_(personas.admin).post(
        "/api/v1/products", {"name": "storefront"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert "name" in response.json()["errors"]


def test_a_version_ending_before_its_release_is_refused(personas, api):
    made = product("Storefront")
    response = api.as_(personas.admin).post(
        f"/api/v1/products/{made.pk}/versions",
        {"version": "1.0", "released_on": "2026-03-01", "end_of_support": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "end_of_support" in response.json()["errors"]


def test_agents_read_but_do_not_write_the_catalogue(personas, api):
    made = product("Storefront", "1.0")
    client = api.as_(personas.tier1)
    assert [p["name"] for p in client.get("/api/v1/products").json()] == ["Storefront"]
    response = client.patch(
        f"/api/v1/products/{made.pk}", {"active": False}, content_type="application/json"
    )
    assert response.status_code == 403
    made.refresh_from_db()
    assert made.active


def test_customers_do_not_see_the_catalogue(personas, api):
    product("Storefront")
    assert api.as_(personas.alice).get("/api/v1/products").status_code == 403


def test_a_manager_deactivates_a_product_with_patch(personas, api):
    made = product("Storefront")
    response = api.as_(personas.manager).patch(
        f"/api/v1/products/{made.pk}", {"active": False}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    assert response.json()["name"] == "Storefront"


def test_listing_products_takes_two_queries_whatever_their_number(
    personas, api, django_assert_max_num_queries
):
    for n in range(5):
        product(f"Product {n}", "1.0", "2.0")
    client = api.as_(personas.tier1)
    with django_assert_max_num_queries(5):  # the token, its user, products, versions
        assert len(client.get("/api/v1/products").json()) == 5


def test_renaming_to_an_empty_name_is_a_field_error(personas, api):
    made = product("Storefront")
    response = api.as_(personas.admin).patch(
        f"/api/v1/products/{made.pk}", {"name": "  "}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "name" in response.json()["errors"]
    made.refresh_from_db()
    assert made.name == "Storefront"

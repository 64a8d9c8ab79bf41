from charterdesk.products.models import Product
from tests.products.factories import product


def test_a_manager_creates_a_product_and_adds_a_version(personas, login):
    client = login(personas.manager)
    response = client.post(
        "/manage/products/new",
        {"name": "Storefront", "slug": "", "description": "", "active": "on"},
    )
    assert response.status_code == 302
    made = Product.objects.get(name="Storefront")
    assert made.slug == "storefront"
    response = client.post(
        f"/manage/products/{made.pk}/versions", {"version": "4.1", "released_on": "2026-03-01"}
    )
    assert response.status_code == 302
    page = client.get(f"/manage/products/{made.pk}/").content.decode()
    assert "4.1" in page
    listing = client.get("/manage/products/").content.decode()
    assert "Storefront" in listing


def test_a_duplicate_version_shows_next_to_its_field(personas, login):
    made = product("Storefront", "4.1")
    response = login(personas.manager).post(
        f"/manage/products/{made.pk}/versions", {"version": "4.1", "released_on": "2026-05-01"}
    )
    assert response.status_code == 200
    assert "Version 4.1 is in the catalogue already." in response.content.decode()


def test_deactivating_keeps_the_product_on_its_tickets(personas, login):
    made = product("Storefront")
    response = login(personas.manager).post(f"/manage/products/{made.pk}/deactivate")
    assert response.status_code == 302
    made.refresh_from_db()
    assert not made.active


def test_agents_cannot_change_the_catalogue(personas, login):
    assert login(personas.tier1).get("/manage/products/").status_code == 403


def test_customers_do_not_find_the_catalogue_page(personas, login):
    assert login(personas.alice).get("/manage/products/").status_code == 404


def test_an_empty_slug_keeps_the_products_slug(personas, login):
    made = product("Storefront")
    response = login(personas.manager).post(
        f"/manage/products/{made.pk}/",
        {"name": "Storefront Pro", "slug": "", "description": "", "active": "on"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.name, made.slug) == ("Storefront Pro", "storefront")

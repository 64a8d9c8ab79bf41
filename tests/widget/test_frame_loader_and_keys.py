"""The loader stays small, the iframe may be framed by the key's origins only, CORS
answers allowed origins only, and managers manage keys through the API and the page."""

import gzip

from charterdesk.widget.frame_views import LOADER

from .helpers import VENDOR, new_key

LIMIT = 10 * 1024


def test_loader_is_under_10_kb_gzipped(client):
    response = client.get("/widget/loader.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert len(gzip.compress(response.content, 9)) < LIMIT
    assert response.content == LOADER.read_bytes()


def test_frame_may_be_framed_by_the_keys_origins_only(client, personas):
    key, _ = new_key(personas.manager, origins=[VENDOR, "http://localhost:3000"])
    response = client.get(f"/widget/frame/?key={key.kid}")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == (
        f"frame-ancestors {VENDOR} http://localhost:3000"
    )
    assert "X-Frame-Options" not in response
    assert client.get("/widget/frame/?key=wk_unknown").status_code == 404
    assert client.get("/portal/")["X-Frame-Options"] == "DENY"  # other pages unchanged


def test_cors_answers_allowed_origins_only(client, personas):
    key, _ = new_key(personas.manager)
    url = f"/widget/api/session?key={key.kid}"
    allowed = client.options(url, headers={"Origin": VENDOR})
    assert allowed["Access-Control-Allow-Origin"] == VENDOR
    other = client.options(url, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other


def test_manager_creates_lists_and_revokes_keys_through_the_api(api, personas):
    manager = api.as_(personas.manager)
    created = manager.post(
        "/api/v1/widget-keys",
        {"name": "Production app", "allowed_origins": ["https://App.Vendor.example:443"]},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["kid"].startswith("wk_") and len(body["secret"]) >= 43
    assert body["allowed_origins"] == [VENDOR]
    listed = manager.get("/api/v1/widget-keys").json()
    assert [row["kid"] for row in listed] == [body["kid"]]
    assert "secret" not in listed[0]
    revoked = manager.delete(f"/api/v1/widget-keys/{body['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]


def test_bad_origins_are_field_errors(api, personas):
    response = api.as_(personas.manager).post(
        "/api/v1/widget-keys",
        {"name": "", "allowed_origins": ["https://app.vendor.example/path", "*.vendor.example"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert len(errors["allowed_origins"]) == 2 and "name" in errors


def test_agents_and_customers_cannot_manage_keys(api, personas):
    assert api.as_(personas.tier1).get("/api/v1/widget-keys").status_code == 403
    assert api.as_(personas.alice).get("/api/v1/widget-keys").status_code == 403


def test_settings_page_shows_the_secret_once_and_revokes(client, personas):
    client.force_login(personas.manager)
    response = client.post(
        "/manage/widget/", {"name": "Staging", "allowed_origins": "https://staging.vendor.example"}
    )
    page = response.content.decode()
    assert "Copy the secret now" in page
    assert 'data-key="wk_' in page
    again = client.get("/manage/widget/").content.decode()
    assert "Copy the secret now" not in again and "Staging" in again
    from charterdesk.widget.models import WidgetKey

    key = WidgetKey.objects.get(name="Staging")
    client.post(f"/manage/widget/{key.pk}/revoke")
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_settings_page_refuses_a_bad_origin(client, personas):
    client.force_login(personas.manager)
    response = client.post("/manage/widget/", {"name": "X", "allowed_origins": "vendor.example"})
    assert "is not an origin" in response.content.decode()

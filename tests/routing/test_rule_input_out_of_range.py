"""Ids and offsets too large for the database are field errors, never a 500."""

HUGE = 99999999999999999999


def test_the_api_refuses_ids_and_offsets_too_large(personas, api):
    client = api.as_(personas.manager)
    for field in ("organizations", "plans"):
        created = client.post(
            "/api/v1/routing-rules",
            {"name": "x", "queue": 1, field: [HUGE]},
            content_type="application/json",
        )
        assert created.status_code == 422, created.content
        assert field in str(created.json())
    for query in (f"offset={HUGE}", f"limit={HUGE}", "limit=0"):
        assert client.get(f"/api/v1/routing-rules?{query}").status_code == 422, query


def test_the_rule_page_refuses_ids_too_large(personas, login):
    client = login(personas.manager)
    for field in ("organizations", "plans"):
        page = client.post(
            "/desk/routing/rules/new", {"name": "x", "queue": 1, "position": 1, field: str(HUGE)}
        )
        assert page.status_code < 500
        assert "Choose from the list" in page.content.decode() or "valid choice" in (
            page.content.decode()
        )

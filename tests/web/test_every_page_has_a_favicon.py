"""Browsers find CharterDesk's icon: every page links it, and /favicon.ico points at it."""


def test_pages_link_the_icon_and_favicon_ico_points_at_it(client, personas):
    page = client.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/charterdesk/favicon.svg"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/charterdesk/favicon.svg"

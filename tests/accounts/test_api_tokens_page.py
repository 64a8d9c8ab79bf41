"""Agents and customers list, make and revoke their own API tokens in the browser; a new
token is shown once."""

from django.test import Client

from charterdesk.accounts.models import ApiToken

URL = "/account/tokens/"


def test_a_customer_makes_a_token_that_is_shown_once_and_works(personas, login):
    client = login(personas.alice)
    page = client.post(URL, {"name": "Nightly export", "scopes": ["read"], "expires": "30"})
    html = page.content.decode()
    token = ApiToken.objects.get(user=personas.alice)
    plain = html.split("<code data-token")[1].split(">", 1)[1].split("</code>")[0]
    assert plain.startswith(f"cd_{token.prefix}_")
    api = Client(headers={"Authorization": f"Bearer {plain}"})
    assert api.get("/api/v1/tickets").status_code == 200
    again = client.get(URL).content.decode()
    assert "Nightly export" in again and token.prefix in again
    assert plain not in again


def test_a_customer_is_not_offered_the_admin_scope(personas, login):
    client = login(personas.alice)
    assert 'value="admin"' not in client.get(URL).content.decode()
    page = client.post(URL, {"name": "Sneaky", "scopes": ["admin"], "expires": "7"})
    assert page.status_code == 400
    assert not ApiToken.objects.filter(user=personas.alice).exists()


def test_a_manager_may_make_an_admin_token(personas, login):
    client = login(personas.manager)
    client.post(URL, {"name": "Rules sync", "scopes": ["read", "admin"], "expires": "never"})
    token = ApiToken.objects.get(user=personas.manager)
    assert token.scopes == ["read", "admin"] and token.expires_at is None


def test_revoking_a_token_stops_it_at_once(personas, login):
    _, plain = ApiToken.issue(personas.tier1, "CI")
    token = ApiToken.objects.get(user=personas.tier1)
    client = login(personas.tier1)
    page = client.post(f"{URL}{token.pk}/revoke", follow=True)
    assert "revoked" in page.content.decode()
    api = Client(headers={"Authorization": f"Bearer {plain}"})
    assert api.get("/api/v1/tickets").status_code == 401


def test_nobody_revokes_someone_elses_token(personas, login):
    ApiToken.issue(personas.bob, "Globex CI")
    token = ApiToken.objects.get(user=personas.bob)
    assert login(personas.alice).post(f"{URL}{token.pk}/revoke").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Globex CI" not in login(personas.alice).get(URL).content.decode()

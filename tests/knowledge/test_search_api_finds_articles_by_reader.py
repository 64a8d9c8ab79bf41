"""GET /api/v1/search?scope=articles finds articles within the caller's visibility."""

import pytest

from .helpers import published

pytestmark = pytest.mark.django_db


def test_search_api_scopes_articles_by_reader(api, personas):
    m = personas.manager
    public = published(m, "Rotate the SAML certificate", "The SAML certificate expires.")
    published(m, "SAML escalations", "SAML certificate cases go to tier 2.", visibility="internal")
    customer = api.as_(personas.alice).get("/api/v1/search?scope=articles&q=saml").json()
    assert [item["id"] for item in customer["items"]] == [public.pk]
    assert customer["items"][0]["url"] == f"/help/articles/{public.pk}/"
    agent = api.as_(personas.tier1).get("/api/v1/search?scope=articles&q=saml").json()
    assert len(agent["items"]) == 2

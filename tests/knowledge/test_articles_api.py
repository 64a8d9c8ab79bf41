"""The articles API: agents draft (201) and managers or reviewers publish; customers read
published articles within their visibility and never drafts or internal articles."""

import pytest

from charterdesk.knowledge.services import article_save

from .helpers import published

pytestmark = pytest.mark.django_db


def test_agent_creates_a_draft_and_cannot_publish_it(api, personas):
    agent = api.as_(personas.tier1)
    response = agent.post(
        "/api/v1/articles",
        {
            "title": "Reset two-factor",
            "body": "Use a **recovery code**.",
            "visibility": "customers",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (
        body["state"] == "draft"
        and body["html"] == "<p>Use a <strong>recovery code</strong>.</p>\n"
    )
    refused = agent.post(f"/api/v1/articles/{body['id']}/publish")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    published_ = api.as_(personas.manager).post(f"/api/v1/articles/{body['id']}/publish")
    assert published_.status_code == 200 and published_.json()["state"] == "published"


def test_bad_input_is_problem_json_with_field_errors(api, personas):
    response = api.as_(personas.tier1).post(
        "/api/v1/articles",
        {"title": "", "body": "x", "visibility": "everyone", "category_id": 999999},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {"title", "visibility"} <= set(response.json()["errors"])


def test_customer_reads_only_within_their_visibility(api, personas):
    m = personas.manager
    public = published(m, "Public one")
    internal = published(m, "Internal one", visibility="internal")
    customer = api.as_(personas.alice)
    titles = [a["title"] for a in customer.get("/api/v1/articles").json()["items"]]
    assert "Public one" in titles and "Internal one" not in titles
    assert customer.get(f"/api/v1/articles/{internal.pk}").status_code == 404
    assert customer.get(f"/api/v1/articles/{public.pk}").json()["title"] == "Public one"
    create = customer.post(
        "/api/v1/articles", {"title": "x", "body": "y"}, content_type="application/json"
    )
    assert create.status_code == 403


def test_suggestions_answer_within_the_callers_visibility(api, personas):
    m = personas.manager
    published(m, "Rotate the SAML certificate", "When the SAML certificate expires, SSO fails.")
    published(
        m, "SAML internal escalation", "SAML certificate cases go to tier 2.", visibility="internal"
    )
    items = (
        api.as_(personas.alice)
        .get("/api/v1/suggestions?q=our sso login broke after the saml certificate expired&limit=5")
        .json()["items"]
    )
    assert [i["title"] for i in items] == ["Rotate the SAML certificate"]
    assert items[0]["kind"] == "article" and items[0]["url"].startswith("http")
    agent_items = api.as_(personas.tier1).get("/api/v1/suggestions?q=saml certificate").json()
    assert len(agent_items["items"]) == 2


def test_customer_sees_the_live_version_while_a_staged_one_waits(api, personas):
    article = published(personas.manager, "Export invoices", "Old steps.")
    article_save(article, author=personas.tier1, title="Export invoices", body="New steps.")
    customer = api.as_(personas.alice).get(f"/api/v1/articles/{article.pk}").json()
    assert (customer["state"], customer["body"], customer["version"]) == (
        "published",
        "Old steps.",
        1,
    )
    agent = api.as_(personas.tier1).get(f"/api/v1/articles/{article.pk}").json()
    assert (agent["state"], agent["body"], agent["version"]) == ("draft", "New steps.", 2)

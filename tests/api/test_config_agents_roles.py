"""Agents are changed by API within the caller's own rights: a manager cannot make anyone
an administrator, and nobody changes their own role."""

from charterdesk.accounts.models import User

from .config_helpers import send


def test_manager_changes_an_agents_tier_skills_and_languages(api, personas):
    client = api.as_(personas.manager)

    response = send(
        client,
        "patch",
        f"/api/v1/config/agents/{personas.tier1.pk}",
        {"tier": 2, "skills": ["billing"], "languages": ["en", "de"], "calendar": None},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["tier"] == 2 and response.json()["languages"] == ["en", "de"]
    assert personas.tier1.agent_profile.skills == ["billing"]


def test_manager_cannot_make_an_agent_administrator(api, personas):
    client = api.as_(personas.manager)

    response = send(
        client, "patch", f"/api/v1/config/agents/{personas.tier1.pk}", {"role": "admin"}
    )

    assert response.status_code == 422
    assert User.objects.get(pk=personas.tier1.pk).role == "agent"


def test_nobody_changes_their_own_role(api, personas):
    client = api.as_(personas.admin)

    response = send(
        client, "patch", f"/api/v1/config/agents/{personas.admin.pk}", {"role": "agent"}
    )

    assert response.status_code == 422
    assert User.objects.get(pk=personas.admin.pk).role == "admin"


def test_a_tier_is_one_to_three_and_languages_are_codes(api, personas):
    client = api.as_(personas.manager)
    url = f"/api/v1/config/agents/{personas.tier1.pk}"

    tier = send(client, "patch", url, {"tier": 7})
    language = send(client, "patch", url, {"languages": ["English please"]})

    assert tier.status_code == 422 and "tier" in tier.json()["errors"]
    assert language.status_code == 422 and "languages" in language.json()["errors"]
    assert User.objects.get(pk=personas.tier1.pk).tier == 1


def test_customers_are_not_agents(api, personas):
    client = api.as_(personas.manager)

    response = send(client, "get", f"/api/v1/config/agents/{personas.alice.pk}")

    assert response.status_code == 404

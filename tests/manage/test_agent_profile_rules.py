"""An agent's profile keeps its rules wherever it is saved: languages from the list,
skills as short words, a capacity from 0 to 500, a tier of 1, 2 or 3; the database refuses what
bypasses the model."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from charterdesk.accounts.models import User
from charterdesk.routing.models import AgentProfile

from .agent_helpers import agent_data


def test_a_language_not_in_the_list_is_refused(personas):
    with pytest.raises(ValidationError) as refused:
        AgentProfile.objects.create(user=personas.tier1, languages=["en", "german"])
    assert "Unknown language “german”" in str(refused.value.message_dict["languages"])


def test_a_skill_that_is_not_a_word_is_refused(personas):
    with pytest.raises(ValidationError) as refused:
        AgentProfile.objects.create(user=personas.tier1, skills=["api", "talks to <b>"])
    assert "is not a skill" in str(refused.value.message_dict["skills"])


def test_the_page_shows_each_mistake_at_its_field(login, personas):
    page = login(personas.manager).post(
        f"/manage/agents/{personas.tier1.pk}/",
        agent_data(skills="api", languages=["xx"], capacity="-1"),
    )
    html = page.content.decode()
    assert "Nothing was saved" in html
    assert "Select a valid choice. xx is not one of the available choices." in html
    assert "Ensure this value is greater than or equal to 0." in html
    assert not AgentProfile.objects.filter(user=personas.tier1).exists()
    page = login(personas.manager).post(
        f"/manage/agents/{personas.tier1.pk}/", agent_data(skills="api, " + "x" * 41)
    )
    assert "is not a skill: at most 40 characters" in page.content.decode()


def test_the_database_refuses_a_capacity_out_of_range_and_a_bad_tier(personas):
    profile = AgentProfile.objects.create(user=personas.tier1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgentProfile.objects.filter(pk=profile.pk).update(capacity=501)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=personas.tier1.pk).update(tier=7)


def test_the_admin_gets_the_same_rule(personas):
    profile = AgentProfile(user=personas.tier1, capacity=900)
    with pytest.raises(ValidationError) as refused:
        profile.save()
    assert "from 0 to 500" in str(refused.value.message_dict["capacity"])

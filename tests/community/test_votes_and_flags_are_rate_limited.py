"""Votes and flags are limited per member and hour (COMMUNITY_VOTES_PER_HOUR,
COMMUNITY_FLAGS_PER_HOUR): past the limit the API answers 429 problem+json with
Retry-After and the page says why; staff have no limit; the next hour starts afresh."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from charterdesk.community import services
from charterdesk.community.limits import VOTE, rate_check, rate_counts_prune
from charterdesk.community.models import PostFlag, PostVote, RateCount
from charterdesk.core.limits import RateLimitError

from .helpers import ask, reply


@pytest.fixture
def answers(personas):
    topic = ask(personas.alice)
    return [reply(personas.tier1, topic, f"Answer number {n}.") for n in range(3)]


def test_votes_past_the_hourly_limit_are_refused(personas, answers, settings):
    settings.COMMUNITY_VOTES_PER_HOUR = 2
    services.post_vote(member=personas.bob, post=answers[0])
    services.post_vote(member=personas.bob, post=answers[0])  # taking it back counts too
    with pytest.raises(RateLimitError) as refused, transaction.atomic():
        services.post_vote(member=personas.bob, post=answers[1])
    assert "the limit of 2 votes an hour" in str(refused.value)
    assert 0 < refused.value.retry_after <= 3600
    assert not PostVote.objects.filter(post=answers[1]).exists()
    services.post_vote(member=personas.alice, post=answers[1])  # others are not held back


def test_staff_are_not_limited(personas, answers, settings):
    settings.COMMUNITY_VOTES_PER_HOUR = 1
    services.post_vote(member=personas.tier2, post=answers[0])
    services.post_vote(member=personas.tier2, post=answers[1])
    assert PostVote.objects.filter(member=personas.tier2).count() == 2


def test_the_next_hour_starts_afresh(personas, settings):
    settings.COMMUNITY_VOTES_PER_HOUR = 1
    now = timezone.now()
    rate_check(personas.bob, VOTE, now)
    with pytest.raises(RateLimitError), transaction.atomic():
        rate_check(personas.bob, VOTE, now)
    rate_check(personas.bob, VOTE, now + timedelta(hours=1))
    assert rate_counts_prune(now + timedelta(hours=1)) == 1
    assert RateCount.objects.count() == 1


def test_api_answers_429_problem_with_retry_after(api, personas, answers, settings):
    settings.COMMUNITY_FLAGS_PER_HOUR = 1
    client = api.as_(personas.bob)
    url = "/api/v1/community/posts/{}/flag"
    first = client.post(url.format(answers[0].pk), {"reason": "spam"}, "application/json")
    assert first.status_code == 201
    second = client.post(url.format(answers[1].pk), {"reason": "spam"}, "application/json")
    assert second.status_code == 429
    assert second["Content-Type"].startswith("application/problem+json")
    assert int(second["Retry-After"]) > 0
    body = second.json()
    assert body["title"] == "Too many requests"
    assert "the limit of 1 flags an hour" in body["detail"]
    assert PostFlag.objects.filter(member=personas.bob).count() == 1


def test_api_vote_limit(api, personas, answers, settings):
    settings.COMMUNITY_VOTES_PER_HOUR = 1
    client = api.as_(personas.carol)
    assert client.post(f"/api/v1/community/posts/{answers[0].pk}/vote").status_code == 200
    assert client.post(f"/api/v1/community/posts/{answers[1].pk}/vote").status_code == 429


def test_page_shows_the_limit_message(client, login, personas, answers, settings):
    settings.COMMUNITY_VOTES_PER_HOUR = 1
    login(personas.bob)
    client.post(f"/community/p/{answers[0].pk}/vote")
    page = client.post(f"/community/p/{answers[1].pk}/vote", follow=True).content.decode()
    assert "You reached the limit of 1 votes an hour" in page
    assert PostVote.objects.filter(member=personas.bob).count() == 1

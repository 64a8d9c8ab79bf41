"""Owners of live articles past their review-by date are reminded by mail, once a week
at most, and only once even when two schedulers run the sweep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.knowledge.sweep import remind_stale
from charterdesk.mail.models import OutboundMail

from .helpers import published

pytestmark = pytest.mark.django_db(transaction=True)


def test_owner_is_reminded_once_a_week(live_personas):
    today = timezone.localdate()
    stale = published(live_personas.manager, "Old steps", owner=live_personas.tier1,
                      review_by=today - timedelta(days=1))  # fmt: skip
    published(live_personas.manager, "Fresh steps", review_by=today + timedelta(days=30))
    assert remind_stale(today) == [stale.pk]
    assert remind_stale(today) == []
    assert remind_stale(today + timedelta(days=7)) == [stale.pk]
    mails = OutboundMail.objects.filter(recipient=live_personas.tier1.email)
    assert mails.count() == 2
    assert "Old steps" in mails.first().text

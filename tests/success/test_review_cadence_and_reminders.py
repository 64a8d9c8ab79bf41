"""Review cadence per account, the next review due on the account page, and the account
owner reminded a week ahead by the sweep (once, whatever the number of schedulers)."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.customers.models import Organization
from charterdesk.mail.models import OutboundMail
from charterdesk.success.models import AccountPlan, AccountReview, ReviewState
from charterdesk.success.reviews import months_after, review_hold, review_schedule
from charterdesk.success.sweep import sweep


def _acme(manager):  # type: ignore[no-untyped-def]
    acme = Organization.objects.get(name="Acme Corp")
    acme.relationship_manager = manager
    acme.save()
    return acme


def test_a_manager_sets_the_cadence_and_the_next_review_follows_it(personas, login):
    acme = _acme(personas.tier2)
    client = login(personas.manager)
    response = client.post(f"/desk/accounts/{acme.pk}/cadence", {"review_every_months": "1"})
    assert response.status_code == 302
    assert AccountPlan.objects.get(organization=acme).review_every_months == 1
    now = timezone.now()
    review = review_schedule(organization=acme, on=now.date(), now=now)
    following = review_hold(
        review=review, actor=personas.manager, notes="Fine.", action_items="", next_on=None
    )
    assert following is not None
    assert following.scheduled_for == months_after(now.date(), 1)
    page = client.get(f"/desk/accounts/{acme.pk}/").content.decode()
    assert f"{following.scheduled_for:%-d %b %Y}" in page
    assert "every 1 month<" in page


def test_a_held_review_without_a_next_one_shows_when_it_is_due(personas, login):
    acme = _acme(personas.tier2)
    now = timezone.now()
    review = review_schedule(organization=acme, on=now.date(), now=now)
    review_hold(review=review, actor=personas.manager, notes="Ok.", action_items="", next_on=None)
    AccountReview.objects.filter(state=ReviewState.SCHEDULED).delete()
    page = login(personas.tier1).get(f"/desk/accounts/{acme.pk}/").content.decode()
    assert f"due {months_after(now.date(), 3):%-d %b %Y}, not scheduled yet" in page


def test_a_bad_cadence_is_a_field_error_and_agents_cannot_set_it(personas, login):
    acme = _acme(personas.tier2)
    response = login(personas.manager).post(
        f"/desk/accounts/{acme.pk}/cadence", {"review_every_months": "40"}
    )
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 24." in response.content.decode()
    other = login(personas.tier1).post(
        f"/desk/accounts/{acme.pk}/cadence", {"review_every_months": "2"}
    )
    assert other.status_code == 403
    assert not AccountPlan.objects.exists()


def test_the_account_owner_is_reminded_a_week_before_a_review_once(personas):
    acme = _acme(personas.tier2)
    now = timezone.now()
    soon = review_schedule(organization=acme, on=now.date() + timedelta(days=6), now=now)
    review_schedule(organization=acme, on=now.date() + timedelta(days=30), now=now)
    assert sweep(now).reviews == [soon.pk]
    assert sweep(now + timedelta(minutes=15)).reviews == []
    mail = OutboundMail.objects.get(subject__startswith="Account review")
    assert mail.to == [personas.tier2.email]
    assert "Acme Corp" in mail.subject
    assert f"/desk/reviews/{soon.pk}/" in mail.text


def test_a_review_claimed_by_another_scheduler_is_not_reminded_again(personas):
    acme = _acme(personas.tier2)
    now = timezone.now()
    review_schedule(organization=acme, on=now.date() + timedelta(days=1), now=now)
    AccountReview.objects.update(reminded_at=now)
    assert sweep(now).reviews == []
    assert not OutboundMail.objects.filter(subject__startswith="Account review").exists()

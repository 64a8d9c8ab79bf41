"""A published plan version is what customers were promised from its day: no save
changes it (the shell, the API, the pages), the Django admin shows it without a way to
change or delete it, and a published plan's own terms are read-only in the admin too."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from charterdesk.plans.models import ClockPolicy, Plan, PlanVersion
from charterdesk.plans.versions import plan_version_discard, plan_version_publish
from tests.plans.versions import draft_version


@pytest.fixture
def published(personas) -> PlanVersion:
    version = draft_version("Gold", consulting_rate=150)
    return plan_version_publish(
        version=version, effective_from=date(2027, 1, 1), clocks=ClockPolicy.KEEP
    )


def test_a_published_version_refuses_every_change(published):
    for change in (
        {"effective_from": date(2027, 2, 1)},
        {"clocks": ClockPolicy.RECOMPUTE},
        {"terms": {**published.terms, "plan": {**published.terms["plan"], "currency": "USD"}}},
    ):
        version = PlanVersion.objects.get(pk=published.pk)
        for name, value in change.items():
            setattr(version, name, value)
        with pytest.raises(ValidationError, match="cannot be changed"):
            version.save()
    with pytest.raises(ValidationError, match="is kept"):
        plan_version_discard(version=published)
    stored = PlanVersion.objects.get(pk=published.pk)
    assert stored.effective_from == date(2027, 1, 1) and stored.clocks == ClockPolicy.KEEP


def test_the_admin_shows_a_published_version_without_a_save_or_delete(login, personas, published):
    client = login(personas.admin)
    url = f"/admin/plans/planversion/{published.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html and "/delete/" not in html
    refused = client.post(url, {"effective_from": "2027-02-01", "clocks": "recompute"})
    assert refused.status_code == 403
    assert (
        client.post(f"/admin/plans/planversion/{published.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    published.refresh_from_db()
    assert published.effective_from == date(2027, 1, 1)


def test_the_admin_shows_a_published_plan_read_only(login, personas):
    client = login(personas.admin)
    gold = Plan.objects.get(name="Gold")
    url = f"/admin/plans/plan/{gold.pk}/change/"
    assert 'name="_save"' not in client.get(url).content.decode()
    assert client.post(url, {"name": "Gold", "consulting_rate": "1"}).status_code == 403
    gold.refresh_from_db()
    assert gold.consulting_rate == 0

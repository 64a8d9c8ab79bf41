"""A plan is a draft until it is published: the coverage page and the API show only
published plans, and no contract may use a draft."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from charterdesk.customers.models import Organization
from charterdesk.plans.models import Contract, Plan, PlanStatus
from charterdesk.sla.models import Calendar


@pytest.fixture
def draft(personas):
    calendar = Calendar.objects.get(name="24×7")
    return Plan.objects.create(
        name="Half-finished", slug="half-finished", calendar=calendar, channels=["email"]
    )


def test_a_draft_is_on_neither_the_coverage_page_nor_the_api(api, personas, draft):
    assert draft.status == PlanStatus.DRAFT
    assert "Half-finished" not in Client().get("/coverage/").content.decode()
    client = api.as_(personas.alice)
    assert "Half-finished" not in [p["name"] for p in client.get("/api/v1/plans").json()]
    assert client.get(f"/api/v1/plans/{draft.pk}").status_code == 404
    draft.status = PlanStatus.PUBLISHED
    draft.save()
    assert "Half-finished" in Client().get("/coverage/").content.decode()


def test_no_contract_may_use_a_draft(draft):
    newco = Organization.objects.create(name="Newco")
    with pytest.raises(ValidationError) as refused:
        Contract.objects.create(organization=newco, plan=draft, starts_on=date(2027, 1, 1))
    assert "publish it" in refused.value.message_dict["plan"][0]

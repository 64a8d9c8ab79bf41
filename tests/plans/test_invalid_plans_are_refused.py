"""A plan with nonsense in it is refused by the model (every caller: pages, admin, API,
shell) with the field named, and the database refuses what a constraint can say."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from charterdesk.plans.models import Plan, PlanCoverage, ResponseTarget


@pytest.fixture
def gold(personas):
    return Plan.objects.get(name="Gold")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("channels", ["portal", "fax"], "“fax” is not one of the channels"),
        ("channels", [], "at least one channel"),
        ("channels", ["email", "email"], "Each of the channels once"),
        ("channels", "portal", "Choose channels from the list"),
        ("sla_breach_actions", ["call_the_ceo"], "“call_the_ceo” is not one of the SLA actions"),
        ("sla_warning_actions", [1], "Choose SLA actions from the list"),
        ("consulting_rate", Decimal(-100), "zero or more"),
        ("hours_included", Decimal("-0.25"), "zero or more"),
        ("currency", "euro", "three-letter currency code"),
        ("overage_policy", "shrug", "not a valid choice"),
        ("incident_rule", "ignore_it", "not a valid choice"),
        ("sla_warn_percent", 150, "less than or equal to 99"),
    ],
)
def test_the_model_refuses_a_plan_with_an_invalid_value(gold, field, value, words):
    setattr(gold, field, value)
    with pytest.raises(ValidationError) as refused:
        gold.save()
    assert words in " ".join(refused.value.message_dict[field])
    gold.refresh_from_db()
    assert getattr(gold, field) != value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("consulting_rate", Decimal(-100)),
        ("hours_included", Decimal(-1)),
        ("overage_policy", "shrug"),
        ("incident_rule", "ignore_it"),
        ("sla_warn_percent", 0),
        ("max_authorized_contacts", 0),
    ],
)
def test_the_database_refuses_what_bypasses_the_model(gold, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=gold.pk).update(**{field: value})


def test_coverage_and_targets_take_only_valid_values(gold):
    coverage = gold.coverages.first()
    coverage.decision = "maybe"
    with pytest.raises(ValidationError) as refused:
        coverage.save()
    assert "decision" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanCoverage.objects.filter(pk=coverage.pk).update(alternative="pray")
    target = gold.targets.first()
    target.minutes = 0
    with pytest.raises(ValidationError):
        target.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseTarget.objects.filter(pk=target.pk).update(metric="vibes")


def test_the_admin_shows_the_error_next_to_the_channels_field(login, personas, gold):
    Plan.objects.filter(pk=gold.pk).update(status="draft")  # a published plan is read-only
    client = login(personas.admin)
    form = client.get(f"/admin/plans/plan/{gold.pk}/change/").context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(
        channels='["portal", "fax"]',
        sla_warning_actions="[]",
        sla_breach_actions='["call_the_ceo"]',
        **{"coverages-TOTAL_FORMS": "0", "coverages-INITIAL_FORMS": "0"},
        **{"targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0"},
        **{"versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0"},
    )
    page = client.post(f"/admin/plans/plan/{gold.pk}/change/", data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "“fax” is not one of the channels" in html
    assert "“call_the_ceo” is not one of the SLA actions" in html
    gold.refresh_from_db()
    assert "fax" not in gold.channels

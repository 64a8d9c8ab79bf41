"""The desk's triage list (one click makes a category, and training data) and the
managers' model page."""

import re

import pytest
from django.utils import timezone

from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import CategorySource
from charterdesk.triage.categories import training_tickets
from charterdesk.triage.models import ModelStatus, TriageModel, TriageSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def unsure(personas, trained, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = ticket_create(
            requester=personas.alice.contact, subject="Hello there", body="zzkq vrrp plokm"
        )
    return ticket


def test_agent_sees_the_unsure_request_and_sets_its_category_in_one_click(
    login, personas, unsure, categories
) -> None:
    client = login(personas.tier1)
    row = f'href="/desk/tickets/{unsure.pk}/"'
    assert row in client.get("/desk/triage/").content.decode()
    response = client.post(f"/desk/triage/{unsure.pk}", {"category": categories["refund"].pk})
    assert response.status_code == 302
    unsure.refresh_from_db()
    assert unsure.category == categories["refund"]
    assert (unsure.category_source, unsure.category_set_by) == (
        CategorySource.PERSON,
        personas.tier1,
    )
    after = client.get("/desk/triage/").content.decode()
    assert "Support › Refund" in after  # the flash message says what was set
    assert row not in after
    unsure.status = "solved"
    unsure.save(update_fields=["status"])
    assert any(t.subject == "Hello there" for t in training_tickets())  # learned next time


def test_the_triage_list_reads_a_fixed_number_of_queries(
    login, personas, unsure, django_assert_max_num_queries
) -> None:
    client = login(personas.tier1)
    with django_assert_max_num_queries(12):
        assert client.get("/desk/triage/").status_code == 200


def test_customers_cannot_open_the_triage_pages(login, personas) -> None:
    client = login(personas.alice)
    assert client.get("/desk/triage/").status_code == 403
    assert client.get("/desk/triage/model").status_code == 404


def test_manager_reads_accuracy_threshold_and_confusions(login, personas, trained) -> None:
    page = login(personas.manager).get("/desk/triage/model").content.decode()
    assert f"Model v{trained.version}" in page
    assert "Accuracy on held-out recent tickets" in page
    assert f"{trained.threshold:.2f}" in page
    assert "Training history" in page


def test_agents_who_are_not_managers_cannot_open_the_model_page(login, personas) -> None:
    assert login(personas.tier1).get("/desk/triage/model").status_code == 403


def test_manager_changes_the_precision_target(login, personas) -> None:
    client = login(personas.manager)
    form = {"precision_target": "0.9", "apply_suggestions": "on", "retrain_after": "50"}
    assert client.post("/desk/triage/model", form).status_code == 302
    assert float(TriageSettings.current().precision_target) == 0.9
    bad = client.post("/desk/triage/model", {**form, "precision_target": "1.5"})
    assert bad.status_code == 200
    assert "less than or equal to 0.999" in bad.content.decode()


def test_manager_chooses_whether_unfamiliar_requests_go_to_a_person(login, personas) -> None:
    client = login(personas.manager)
    page = client.get("/desk/triage/model").content.decode()
    assert "Leave unfamiliar requests to a person" in page
    assert re.search(r"<input[^>]*name=\"guard_unfamiliar\"[^>]*checked", page)  # the default
    form = {"precision_target": "0.95", "apply_suggestions": "on", "retrain_after": "50"}
    assert client.post("/desk/triage/model", form).status_code == 302  # box unticked
    assert TriageSettings.current().guard_unfamiliar is False
    assert client.post("/desk/triage/model/train").status_code == 302
    assert TriageModel.objects.latest("version").guard_unfamiliar is False  # the run keeps it
    client.post("/desk/triage/model", {**form, "guard_unfamiliar": "on"})
    assert TriageSettings.current().guard_unfamiliar is True


def test_retrain_button_starts_a_run_and_the_current_model_keeps_serving(
    login, personas, trained
) -> None:
    client = login(personas.manager)
    assert client.post("/desk/triage/model/train").status_code == 302
    run = TriageModel.objects.latest("version")
    assert (run.version, run.status) == (trained.version + 1, ModelStatus.TRAINING)
    assert f"Model v{trained.version}" in client.get("/desk/triage/model").content.decode()
    assert run.started_at <= timezone.now()

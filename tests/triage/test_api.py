"""POST /api/v1/triage, GET /api/v1/triage/model, POST /api/v1/triage/train: shapes and
who may call them."""

from types import SimpleNamespace

import pytest

from charterdesk.triage.models import ModelStatus, TriageModel

pytestmark = pytest.mark.django_db


def test_agent_gets_the_category_request_type_and_model(
    api, personas, trained, category_ids
) -> None:
    body = {"subject": "Refund request", "body": "Please refund the double payment"}
    response = api.as_(personas.tier1).post("/api/v1/triage", body, content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["category"]["id"] == int(category_ids["refund"])
    assert 0 < data["category"]["confidence"] <= 1
    assert data["abstained"] is False
    assert data["request_type"]["value"] == "how_to"
    assert data["model"]["version"] == trained.version


def test_out_of_scope_request_keeps_the_best_guess_but_abstains(api, personas, trained) -> None:
    body = {"subject": "zzkq vrrp", "body": "plokm qwxz"}
    data = (
        api.as_(personas.tier1).post("/api/v1/triage", body, content_type="application/json").json()
    )
    assert data["abstained"] is True
    assert data["category"] is not None  # always the best guess


def test_without_a_model_the_answer_says_so(api, personas) -> None:
    body = {"subject": "Refund", "body": ""}
    response = api.as_(personas.tier1).post("/api/v1/triage", body, content_type="application/json")
    assert response.status_code == 409
    assert "No triage model" in response.json()["detail"]


def test_empty_subject_is_a_field_error(api, personas, trained) -> None:
    response = api.as_(personas.tier1).post(
        "/api/v1/triage", {"subject": ""}, content_type="application/json"
    )
    assert response.status_code == 422


def test_agent_reads_the_serving_model(api, personas, trained) -> None:
    data = api.as_(personas.tier1).get("/api/v1/triage/model").json()
    assert data["version"] == trained.version
    assert data["status"] == "ready"
    assert data["heldout_size"] > 0
    assert 0 < data["threshold"] <= 1
    assert data["guard_unfamiliar"] is True  # the default setting it was trained with
    assert {row["category"] for row in data["per_category"]} == {
        "Support › Refund",
        "Support › Password",
        "Support › Outage",
        "Support › Export",
    }


def test_customers_can_call_no_triage_endpoint(api, personas: SimpleNamespace, trained) -> None:
    client = api.as_(personas.alice)
    assert client.get("/api/v1/triage/model").status_code == 403
    assert client.post("/api/v1/triage/train").status_code == 403
    body = {"subject": "Refund", "body": ""}
    assert client.post("/api/v1/triage", body, content_type="application/json").status_code == 403


def test_only_managers_start_a_training_run(api, personas, trained) -> None:
    assert api.as_(personas.tier1).post("/api/v1/triage/train").status_code == 403
    response = api.as_(personas.manager).post("/api/v1/triage/train")
    assert response.status_code == 202
    assert response.json() == {"version": trained.version + 1, "status": "training"}
    # The new run trains in the background; the previous model keeps serving meanwhile.
    served = api.as_(personas.tier1).get("/api/v1/triage/model").json()
    assert served["version"] == trained.version
    assert api.as_(personas.manager).post("/api/v1/triage/train").status_code == 409


def test_a_failed_run_never_replaces_the_serving_model(personas, trained) -> None:
    from django.utils import timezone

    from charterdesk.triage.services import triage_run_complete, triage_run_start

    run = triage_run_start(requested_by=personas.manager, reason="test", at=timezone.now())
    failed = triage_run_complete(run, tickets=[], at=timezone.now())
    assert failed.status == ModelStatus.FAILED
    assert "two categories" in failed.error
    newest_ready = TriageModel.objects.filter(status=ModelStatus.READY).latest("version")
    assert newest_ready.version == trained.version

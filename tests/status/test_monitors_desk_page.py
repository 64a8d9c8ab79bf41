"""The desk's monitors page: managers add monitors (errors on the form), agents see states
and results, customers are kept out."""

from django.utils import timezone

from charterdesk.incidents.models import Monitor, MonitorResult
from tests.incidents.factories import service


def _fields(**extra: object) -> dict[str, object]:
    return {
        "service": service("Cloud").pk,
        "name": "Home page",
        "kind": "http",
        "url": "https://cloud.example/health",
        "expected_status": 200,
        "body_contains": "ok",
        "host": "",
        "port": "",
        "max_latency_ms": "",
        "min_days_left": 14,
        "timeout_seconds": 10,
        "interval_seconds": 60,
        "grace_seconds": 60,
        "failures_to_open": 3,
        "successes_to_recover": 2,
        "dedup_minutes": 30,
        **extra,
    }


def test_a_manager_adds_a_monitor_and_sees_its_results(personas, login):
    client = login(personas.manager)
    added = client.post("/desk/monitors", _fields())
    assert added.status_code == 302
    monitor = Monitor.objects.get(name="Home page")
    MonitorResult.objects.create(
        monitor=monitor, checked_at=timezone.now(), ok=False, message="HTTP 503, expected 200"
    )
    page = client.get(f"/desk/monitors/{monitor.pk}").content.decode()
    assert "HTTP 503, expected 200" in page
    assert "Home page" in client.get("/desk/monitors").content.decode()


def test_bad_input_is_shown_on_the_form(personas, login):
    client = login(personas.manager)
    page = client.post("/desk/monitors", _fields(kind="tcp", url="", host=""))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Give the host to connect to." in text
    assert "Give the port to connect to." in text
    assert not Monitor.objects.exists()


def test_agents_without_the_permission_cannot_add_and_customers_are_kept_out(personas, login):
    agent = login(personas.tier1)
    page = agent.get("/desk/monitors")
    assert page.status_code == 200
    assert "Add a monitor" not in page.content.decode()
    assert agent.post("/desk/monitors", _fields()).status_code == 403
    assert not Monitor.objects.exists()
    assert login(personas.alice).get("/desk/monitors").status_code in (302, 403, 404)

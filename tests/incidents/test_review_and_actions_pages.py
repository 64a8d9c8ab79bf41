"""The review page filters by service and root cause and shows missed update promises;
the post-mortem shows them in its impact; the follow-up actions page lists open actions
across incidents, overdue first, by owner, in one query per page."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import Incident, PostMortem
from charterdesk.incidents.sweep import sweep

from .factories import acme_outage, roles, service


def _resolved(personas, now, *, cause="change", missed=False):
    incident = acme_outage(personas, now)
    if missed:
        sweep(now + timedelta(minutes=31))
        incident = Incident.objects.get(pk=incident.pk)
    services.incident_resolve(incident, personas.tier3, message="Fixed.", now=now)
    postmortem = PostMortem.objects.get(incident=incident)
    services.postmortem_save(postmortem, personas.tier3, now, root_cause=cause)
    return incident


def test_review_filters_by_service_and_cause_and_shows_missed_updates(personas, login):
    roles(personas)
    now = timezone.now()
    late = _resolved(personas, now, cause="change", missed=True)
    client = login(personas.manager)
    page = client.get("/desk/incidents/review").content.decode()
    assert "Missed updates" in page and 'class="overdue">1<' in page
    by_cause = client.get("/desk/incidents/review?cause=capacity").content.decode()
    assert f"#{late.pk} " not in by_cause and "match these filters" in by_cause
    other = service("Mail")
    by_service = client.get(f"/desk/incidents/review?service={other.pk}").content.decode()
    assert f"#{late.pk} " not in by_service
    cloud = late.services.get()
    both = client.get(f"/desk/incidents/review?service={cloud.pk}&cause=change")
    assert f"#{late.pk} " in both.content.decode()
    refused = client.get("/desk/incidents/review?service=nope&cause=<b>")
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    postmortem = client.get(f"/desk/incidents/{late.pk}/postmortem").content.decode()
    assert "Missed update promises" in postmortem and 'class="overdue">1<' in postmortem


def test_postmortem_api_counts_missed_updates(api, personas):
    roles(personas)
    late = _resolved(personas, timezone.now(), missed=True)
    read = api.as_(personas.tier3).get(f"/api/v1/incidents/{late.pk}/postmortem")
    assert read.json()["missed_updates"] == 1


def test_actions_page_lists_open_ones_overdue_first_by_owner(
    personas, login, django_assert_max_num_queries
):
    roles(personas)
    now = timezone.now()
    postmortem = PostMortem.objects.get(incident=_resolved(personas, now))
    today = timezone.localdate(now)
    for text, owner, due in [
        ("Later task", personas.tier3, today + timedelta(days=9)),
        ("Late task", personas.tier3, today - timedelta(days=2)),
        ("Someone else's", personas.tier1, today - timedelta(days=5)),
        ("Finished task", personas.tier3, today - timedelta(days=9)),
    ]:
        action = services.action_add(postmortem, personas.tier3, text=text, owner=owner, due_on=due)
    services.action_done(action, personas.tier3, now)
    client = login(personas.tier3)
    client.get("/desk/incidents/actions?owner=me")  # warm the session
    with django_assert_max_num_queries(8):
        page = client.get("/desk/incidents/actions?owner=me").content.decode()
    assert page.index("Late task") < page.index("Later task")
    assert "(overdue)" in page
    assert "Someone else" not in page and "Finished task" not in page
    everybody = client.get("/desk/incidents/actions?show=all").content.decode()
    assert "Someone else" in everybody and "Finished task" in everybody
    assert client.get("/desk/incidents/actions?owner=xyz").status_code == 200
    assert login(personas.alice).get("/desk/incidents/actions").status_code in (302, 403, 404)

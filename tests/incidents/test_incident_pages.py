"""The desk's incident pages: open, qualify, post an update, resolve, post-mortem,
review; errors shown on the form; customers kept out."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents.models import Incident, PostMortem
from charterdesk.mail.models import OutboundMail

from .factories import acme_outage, deploy, roles, service, severity


def _local(moment):
    return f"{timezone.localtime(moment):%Y-%m-%dT%H:%M}"


def test_an_agent_opens_and_qualifies_an_incident(personas, login):
    cloud = service("Cloud")
    deploy(personas.alice.contact.organization, cloud)
    sev = severity(1)
    client = login(personas.tier3)
    opened = client.post(
        "/desk/incidents/new", {"title": "Cloud is down", "services": [cloud.pk], "regions": ""}
    )
    incident = Incident.objects.get(title="Cloud is down")
    assert opened.status_code == 302
    page = client.get(f"/desk/incidents/{incident.pk}")
    assert "Qualify" in page.content.decode()
    qualified = client.post(
        f"/desk/incidents/{incident.pk}/qualify",
        {
            "decision": "confirm",
            "severity": sev.pk,
            "impact": "major",
            "nature": "Nothing loads.",
            "next_update_at": _local(timezone.now() + timedelta(minutes=30)),
        },
    )
    assert qualified.status_code == 302, qualified.content.decode()[:2000]
    page = client.get(f"/desk/incidents/{incident.pk}").content.decode()
    assert "Next update promised at" in page
    assert "Acme Corp" in page  # the audience
    assert OutboundMail.objects.filter(recipient="alice@acme.example").exists()


def test_an_update_too_far_ahead_is_refused_on_the_form(personas, login):
    incident = acme_outage(personas)
    client = login(personas.tier2)
    refused = client.post(
        f"/desk/incidents/{incident.pk}/updates",
        {
            "status": "identified",
            "message": "Found it.",
            "next_update_at": _local(timezone.now() + timedelta(hours=5)),
            "public": "on",
        },
    )
    assert refused.status_code == 400
    assert "every 60 minutes" in refused.content.decode()
    assert not incident.updates.exists()


def test_resolve_then_write_approve_and_send_the_post_mortem(personas, login):
    roles(personas)
    incident = acme_outage(personas)
    client = login(personas.manager)
    resolved = client.post(
        f"/desk/incidents/{incident.pk}/resolve",
        {"message": "Fixed.", "data_lost": "no", "ticket_reply": ""},
    )
    assert resolved.status_code == 302
    url = f"/desk/incidents/{incident.pk}/postmortem"
    assert "due" in client.get(url).content.decode()
    saved = client.post(
        url,
        {
            "action": "save",
            "root_cause": "change",
            "root_cause_detail": "A bad deploy",
            "internal_report": "Deploy 412 broke the router.",
            "customer_version": "A change broke page loads for 20 minutes.",
        },
    )
    assert saved.status_code == 302
    client.post(url, {"action": "approve"})
    client.post(url, {"action": "send"})
    assert PostMortem.objects.get(incident=incident).state == "sent"
    assert OutboundMail.objects.filter(
        recipient="alice@acme.example", text__contains="A change broke page loads"
    ).exists()
    review = client.get("/desk/incidents/review").content.decode()
    assert "A change or deployment" in review


def test_customers_do_not_reach_the_desk_pages(personas, login):
    incident = acme_outage(personas)
    client = login(personas.alice)
    assert client.get(f"/desk/incidents/{incident.pk}").status_code in (302, 403, 404)
    assert client.get("/desk/incidents").status_code in (302, 403, 404)


def test_the_list_has_no_per_row_queries(personas, login, django_assert_max_num_queries):
    for n in range(5):
        acme_outage(personas).title = f"n{n}"
    client = login(personas.tier1)
    with django_assert_max_num_queries(14):
        page = client.get("/desk/incidents")
    assert page.status_code == 200

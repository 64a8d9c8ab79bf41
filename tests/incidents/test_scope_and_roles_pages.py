"""The incident page: qualify with services, widen the scope, hand a role over."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents.choices import IncidentRole
from charterdesk.incidents.models import Incident
from charterdesk.mail.models import OutboundMail

from .factories import acme_outage, deploy, roles, service, severity


def test_qualify_sets_the_services(personas, login):
    cloud, billing = service("Cloud"), service("Billing API")
    deploy(personas.alice.contact.organization, cloud)
    client = login(personas.tier3)
    client.post("/desk/incidents/new", {"title": "Slow", "services": [cloud.pk], "regions": ""})
    incident = Incident.objects.get(title="Slow")
    page = client.get(f"/desk/incidents/{incident.pk}").content.decode()
    assert 'name="services"' in page.split('id="qualify"')[1].split("</form>")[0]
    qualified = client.post(
        f"/desk/incidents/{incident.pk}/qualify",
        {
            "decision": "confirm",
            "severity": severity(1).pk,
            "impact": "major",
            "services": [billing.pk],
            "next_update_at": f"{timezone.localtime() + timedelta(minutes=30):%Y-%m-%dT%H:%M}",
        },
    )
    assert qualified.status_code == 302, qualified.content.decode()[:2000]
    assert list(incident.services.all()) == [billing]


def test_the_commander_widens_the_scope_on_the_page(personas, login):
    roles(personas)
    incident = acme_outage(personas)
    client = login(personas.tier3)
    assert 'id="scope"' in client.get(f"/desk/incidents/{incident.pk}").content.decode()
    billing = service("Billing API")
    done = client.post(
        f"/desk/incidents/{incident.pk}/scope", {"services": [billing.pk], "regions": ""}
    )
    assert done.status_code == 302
    assert OutboundMail.objects.filter(recipient="bob@globex.example").count() == 1
    page = client.get(f"/desk/incidents/{incident.pk}").content.decode()
    assert "Scope widened: Billing API" in page


def test_nothing_to_add_is_an_error_on_the_form(personas, login):
    roles(personas)
    incident = acme_outage(personas)
    client = login(personas.tier3)
    again = client.post(f"/desk/incidents/{incident.pk}/scope", {"services": [], "regions": ""})
    assert again.status_code == 400
    assert "does not cover yet" in again.content.decode()


def test_an_agent_without_a_role_sees_no_steering_and_is_refused(personas, login):
    roles(personas)
    incident = acme_outage(personas)
    client = login(personas.tier1)
    page = client.get(f"/desk/incidents/{incident.pk}").content.decode()
    assert 'id="scope"' not in page and 'id="roles"' not in page
    refused = client.post(
        f"/desk/incidents/{incident.pk}/roles", {"role": "scribe", "user": personas.tier1.pk}
    )
    assert refused.status_code == 403


def test_a_manager_hands_the_communications_lead_over(personas, login):
    roles(personas)
    incident = acme_outage(personas)
    client = login(personas.manager)
    done = client.post(
        f"/desk/incidents/{incident.pk}/roles",
        {"role": "communications", "user": personas.tier1.pk},
    )
    assert done.status_code == 302
    assert incident.roles.get(role=IncidentRole.COMMUNICATIONS).user == personas.tier1
    page = client.get(f"/desk/incidents/{incident.pk}").content.decode()
    assert "Communications lead: " in page and "(was " in page
    again = client.post(
        f"/desk/incidents/{incident.pk}/roles",
        {"role": "communications", "user": personas.tier1.pk},
    )
    assert again.status_code == 400
    assert "already holds" in again.content.decode()

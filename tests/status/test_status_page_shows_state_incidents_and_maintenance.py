"""The public page: the overall state, each service with its bars, current incidents with
their public updates, maintenance; a signed-in customer also sees their own services."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import Incident, Maintenance
from tests.incidents.factories import acme_outage, deploy, service, severity


def test_anyone_sees_the_state_and_the_public_incident(personas, client):
    incident = acme_outage(personas)
    services.incident_post_update(
        incident,
        personas.tier2,
        status="identified",
        message="A disk filled up.",
        next_update_at=timezone.now() + timedelta(minutes=30),
        now=timezone.now(),
    )
    Incident.objects.filter(pk=incident.pk).update(is_public=True, impact="major")
    Maintenance.objects.create(
        title="Database upgrade",
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=1),
    )
    page = client.get("/status/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Partial System Outage" in text
    assert "Cloud is down" in text
    assert "Partial outage" in text
    assert "Database upgrade" in text
    assert "A disk filled up." in text
    assert text.count('title="') >= 90  # the bars


def test_nothing_internal_reaches_the_page(personas, client):
    incident = acme_outage(personas)  # not public
    Incident.objects.filter(pk=incident.pk).update(internal_notes="root password leaked")
    text = client.get("/status/").content.decode()
    assert "Cloud is down" not in text
    assert "root password" not in text
    assert "All Systems Operational" in text


def test_a_signed_in_customer_sees_their_own_deployments(personas, login):
    acme_outage(personas)  # not public, but it affects Acme
    text = login(personas.alice).get("/status/").content.decode()
    assert "Your services (Acme" in text
    assert "Cloud is down" in text
    text = login(personas.bob).get("/status/").content.decode()
    assert "Cloud is down" not in text
    assert "Billing API" in text


def test_the_page_reads_a_fixed_number_of_queries(personas, client, django_assert_max_num_queries):
    for n in range(12):
        service(f"Service {n}")
    with django_assert_max_num_queries(12):
        assert client.get("/status/").status_code == 200


def _outage_on(personas, on, regions=()):
    now = timezone.now()
    incident = services.incident_open(
        personas.tier1, title=f"{on.name} fails", services=[on], now=now
    )
    return services.incident_qualify(
        incident,
        personas.tier3,
        confirm=True,
        severity=severity(1),
        alert_customers=False,
        next_update_at=now + timedelta(minutes=30),
        impact="major",
        regions=list(regions),
        nature="Payments fail.",
        now=now,
    )


def _own_rows(text):
    own = text.split('id="own"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'status-name">([^<]*)</span>\s*<span class="st ([a-z_]+)"', own)


def test_an_incident_on_a_part_shows_on_the_customers_deployment_of_the_group(personas, login):
    cloud = service("Cloud")
    checkout = service("Checkout", parent=cloud)
    organization = personas.alice.contact.organization
    deploy(organization, cloud, "EU")
    deploy(organization, service("Mail relay"), "EU")
    _outage_on(personas, checkout)
    text = login(personas.alice).get("/status/").content.decode()
    assert "Checkout fails" in text  # the banner of the incident
    rows = dict(_own_rows(text))
    assert rows["Cloud · EU"] == "partial_outage"
    assert rows["Mail relay · EU"] == "operational"


def test_an_incident_elsewhere_leaves_the_deployment_operational(personas, login):
    cloud = service("Cloud")
    checkout = service("Checkout", parent=cloud)
    organization = personas.alice.contact.organization
    deploy(organization, cloud, "EU")
    deploy(organization, checkout, "US")
    _outage_on(personas, cloud, regions=["US"])
    rows = dict(_own_rows(login(personas.alice).get("/status/").content.decode()))
    assert rows["Cloud · EU"] == "operational"  # not the incident's region
    assert rows["Checkout · US"] == "partial_outage"  # a part of the affected group


def test_the_customers_own_services_cost_the_same_whatever_their_number(personas, login):
    cloud = service("Cloud")
    organization = personas.alice.contact.organization
    deploy(organization, cloud, "EU")
    _outage_on(personas, service("Checkout", parent=cloud))
    client = login(personas.alice)

    def queries():
        with CaptureQueriesContext(connection) as seen:
            assert client.get("/status/").status_code == 200
        return len(seen)

    few = queries()
    for n in range(6):
        deploy(organization, service(f"Part {n}", parent=cloud), "EU")
    _outage_on(personas, service("Part 0"))
    assert queries() == few

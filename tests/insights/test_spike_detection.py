"""Many similar tickets from several organizations in a short window, above the usual rate
for that hour of the week, raise one suspected incident with the tickets linked."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charterdesk.customers.models import Organization
from charterdesk.incidents.choices import Qualification, Source
from charterdesk.incidents.models import Deployment, Incident, IncidentTicket, Service
from charterdesk.incidents.services import incident_qualify
from charterdesk.insights.spikes.detect import poisson_tail, spikes_detect
from charterdesk.insights.spikes.models import Spike, SpikeSettings
from charterdesk.tickets.category_models import CategorySource
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import ticket_categorize
from tests.tickets.factories import open_ticket

from .helpers import tree

CUSTOMERS = ("alice@acme.example", "bob@globex.example", "carol@initech.example")


@pytest.fixture
def service(db: None) -> Service:
    return Service.objects.create(name="Web app")


SUBJECTS = ("Webhooks not arriving", "No webhooks since ten", "Webhooks failing for us")


def burst(emails: tuple[str, ...], per_customer: int = 2) -> list[Ticket]:
    """Tickets about webhooks, in customers' own words."""
    return [
        open_ticket(email, subject=SUBJECTS[n % len(SUBJECTS)])
        for email in emails
        for n in range(per_customer)
    ]


def later() -> "timezone.datetime":
    return timezone.now() + timedelta(seconds=1)


def spike_incidents() -> list[Incident]:
    return list(Incident.objects.filter(source=Source.SPIKE))


def test_a_burst_from_three_organizations_raises_one_incident_with_the_tickets(personas, service):
    tickets = burst(CUSTOMERS)
    result = spikes_detect(later())
    [incident] = spike_incidents()
    assert incident.qualification == Qualification.SUSPECTED
    assert list(incident.services.all()) == [service]
    linked = set(
        IncidentTicket.objects.filter(incident=incident).values_list("ticket_id", flat=True)
    )
    assert linked == {t.pk for t in tickets}
    assert len(result.raised) == 1
    assert incident.title == "Spike: 6 tickets about “webhooks” from 3 organizations"


def test_a_burst_sharing_a_category_and_a_word_raises_one_incident_named_by_the_category(
    personas, service
):
    _, refunds = tree(personas.manager)
    for ticket in burst(CUSTOMERS):
        ticket_categorize(ticket, refunds, by=None, source=CategorySource.RULE)
    [spike] = spikes_detect(later()).raised
    assert spike.label == "Billing › Refunds" and spike.linked == 6
    assert len(spike_incidents()) == 1


def test_the_same_burst_from_one_organization_is_no_spike(personas, service):
    burst(CUSTOMERS[:1], per_customer=8)
    assert spikes_detect(later()).raised == []
    assert spike_incidents() == []


def test_the_usual_volume_for_that_hour_of_the_week_is_no_spike(personas, service):
    SpikeSettings.objects.create(history_weeks=2)
    for weeks_ago in (1, 2):
        old = burst(CUSTOMERS)
        moment = timezone.now() - timedelta(weeks=weeks_ago, minutes=5)
        Ticket.objects.filter(pk__in=[t.pk for t in old]).update(created_at=moment)
    burst(CUSTOMERS)
    assert spikes_detect(later()).raised == []
    assert spike_incidents() == []


def test_a_few_tickets_at_the_usual_rate_do_not_hide_a_tenfold_burst(personas, service):
    SpikeSettings.objects.create(history_weeks=2)
    old = open_ticket(CUSTOMERS[0], subject="Webhooks late")
    Ticket.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(weeks=1))
    burst(CUSTOMERS, per_customer=3)
    [spike] = spikes_detect(later()).raised
    assert spike.expected == 0.5 and spike.tickets == 9


def test_a_few_more_than_usual_by_chance_is_no_spike(personas, service):
    """6 where 1.5 is usual is 4 times the rate, but happens by chance every few days."""
    SpikeSettings.objects.create(history_weeks=2)
    for weeks_ago, email in ((1, CUSTOMERS[0]), (1, CUSTOMERS[1]), (2, CUSTOMERS[2])):
        old = open_ticket(email, subject="Webhooks late")
        moment = timezone.now() - timedelta(weeks=weeks_ago, minutes=5)
        Ticket.objects.filter(pk=old.pk).update(created_at=moment)
    burst(CUSTOMERS)
    assert spikes_detect(later()).raised == []
    assert poisson_tail(6, 1.5) > 1e-3 and poisson_tail(9, 0.5) < 1e-6


def test_running_the_job_twice_raises_nothing_twice_and_links_later_tickets(personas, service):
    burst(CUSTOMERS)
    spikes_detect(later())
    latecomer = open_ticket(CUSTOMERS[1], subject="Our webhooks stopped")
    second = spikes_detect(later())
    assert second.raised == []
    [incident] = spike_incidents()
    assert Spike.objects.count() == 1
    assert IncidentTicket.objects.filter(incident=incident, ticket=latecomer).exists()
    assert Spike.objects.get().linked == 7
    assert spikes_detect(later()).linked == 0


def test_a_dismissed_spike_is_not_raised_again_the_same_day(personas, service):
    burst(CUSTOMERS)
    spikes_detect(later())
    [incident] = spike_incidents()
    incident_qualify(incident, personas.manager, confirm=False, now=later())
    burst(CUSTOMERS)
    assert spikes_detect(later()).raised == []


def test_the_incident_names_the_service_the_organizations_use(personas, service):
    api = Service.objects.create(name="Public API")
    for org in Organization.objects.filter(name__in=("Acme Corp", "Globex", "Initech")):
        Deployment.objects.create(organization=org, service=api)
    burst(CUSTOMERS)
    spikes_detect(later())
    [incident] = spike_incidents()
    assert list(incident.services.all()) == [api]


def test_switched_off_it_raises_nothing(personas, service):
    SpikeSettings.objects.create(enabled=False)
    burst(CUSTOMERS)
    assert spikes_detect(later()).raised == []


def test_agents_see_the_spike_and_its_incident(personas, service, login):
    burst(CUSTOMERS)
    spikes_detect(later())
    incident = spike_incidents()[0]
    page = login(personas.tier1).get(reverse("insights:spikes")).content.decode()
    assert "webhooks" in page
    assert reverse("incidents:detail", args=[incident.pk]) in page
    assert 'id="thresholds"' not in page  # agents do not set the thresholds


def test_managers_set_the_thresholds_with_field_errors(personas, login):
    client = login(personas.manager)
    bad = client.post(
        reverse("insights:spike_settings"),
        {"enabled": "on", "window_minutes": 60, "min_tickets": 6, "min_organizations": 1,
         "ratio": 3, "history_weeks": 8},
    )  # fmt: skip
    assert bad.status_code == 400
    assert "greater than or equal to 2" in bad.content.decode()
    good = client.post(
        reverse("insights:spike_settings"),
        {"enabled": "on", "window_minutes": 30, "min_tickets": 10, "min_organizations": 4,
         "ratio": 5, "history_weeks": 4},
    )  # fmt: skip
    assert good.status_code == 302
    assert SpikeSettings.current().min_organizations == 4


def test_agents_cannot_change_the_thresholds(personas, login):
    response = login(personas.tier1).post(reverse("insights:spike_settings"), {})
    assert response.status_code in (302, 403)


def test_the_api_lists_the_spikes_for_agents_only(personas, service, api):
    burst(CUSTOMERS)
    spikes_detect(later())
    [row] = api.as_(personas.tier1).get("/api/v1/insights/spikes").json()
    assert row["label"] == "webhooks" and row["tickets"] == 6 and row["incident_id"]
    assert api.as_(personas.alice).get("/api/v1/insights/spikes").status_code == 403

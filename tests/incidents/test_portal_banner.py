"""Affected customers see a banner on the portal; others do not; it goes on resolution."""

from django.utils import timezone

from charterdesk.incidents import services

from .factories import acme_outage


def test_affected_customers_see_the_banner_and_others_do_not(personas, login):
    incident = acme_outage(personas)
    alice_page = login(personas.alice).get("/portal/").content.decode()
    assert "Ongoing incident:" in alice_page and "Cloud is down" in alice_page
    bob_page = login(personas.bob).get("/portal/").content.decode()
    assert "Ongoing incident:" not in bob_page
    services.incident_resolve(incident, personas.tier3, message="Fixed.", now=timezone.now())
    assert "Ongoing incident:" not in login(personas.alice).get("/portal/").content.decode()

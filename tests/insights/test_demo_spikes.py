from django.urls import reverse
from django.utils import timezone

from charterdesk.demo import incidents, insights, spikes
from charterdesk.demo.reference import build_reference
from charterdesk.incidents.models import Incident
from charterdesk.insights.models import Spike


def test_the_demo_shows_a_spike_and_gaps_with_answers_to_draft_from(personas, login):
    ref = build_reference()
    now = timezone.now()
    incidents.add_demo(ref, now)
    insights.add_demo(ref, now)
    spikes.add_demo(ref, now)
    spikes.add_demo(ref, now)  # again: nothing twice
    [spike] = Spike.objects.all()
    assert spike.label == "uploads" and spike.linked == 7 and spike.organizations == 3
    assert Incident.objects.filter(pk=spike.incident_id, services__name="Cloud").exists()
    client = login(personas.tier1)
    assert "uploads" in client.get(reverse("insights:spikes")).content.decode()
    gaps = client.get(reverse("insights:gaps")).content.decode()
    assert "Integrations › Webhooks" in gaps.split('id="ticket-gaps"')[1]
    key = gaps.split("Integrations › Webhooks")[1].split('name="key" value="')[1].split('"')[0]
    response = client.post(reverse("insights:gap_draft"), {"kind": "category", "key": key})
    assert response.status_code == 302 and "/desk/articles/" in response["Location"]

from django.urls import reverse
from django.utils import timezone

from charterdesk.demo import insights
from charterdesk.demo.reference import build_reference
from charterdesk.tickets.models import Ticket


def test_the_demo_fills_every_chart_and_a_trend_and_runs_again_without_change(personas, login):
    ref = build_reference()
    insights.add_demo(ref, timezone.now())
    count = Ticket.objects.count()
    insights.add_demo(ref, timezone.now())
    assert Ticket.objects.count() == count
    client = login(personas.manager)
    volume = client.get(reverse("insights:volume")).content.decode()
    trending = volume.split('id="trending"')[1].split("</section>")[0]
    assert "Integrations › Webhooks" in trending
    for table in ("request_type", "category", "channel", "organization", "product", "hour"):
        section = volume.split(f'id="{table}"')[1].split("</section>")[0]
        assert "<svg" in section, table
    causes = client.get(reverse("insights:causes")).content.decode()
    fix = causes.split('id="fix"')[1].split("</section>")[0]
    assert "Product defect" in fix and "No solved ticket" not in fix

"""Collision on the desk's ticket page: an agent sees who else is viewing the ticket, who
is writing a reply, and who replied since they opened the page; customers never do."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from charterdesk.tickets import services
from charterdesk.workspace.models import TicketPresence
from charterdesk.workspace.presence import presence_touch
from tests.tickets.factories import open_ticket

pytestmark = pytest.mark.django_db


def heartbeat(client, ticket_id: int, **data: str) -> str:  # type: ignore[no-untyped-def]
    response = client.post(reverse("workspace:presence", args=[ticket_id]), data)
    assert response.status_code == 200, response.content
    return response.content.decode()


def test_agent_sees_who_else_views_and_who_writes(personas: SimpleNamespace, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    now = timezone.now()
    presence_touch(ticket=ticket, agent=personas.tier2, typing=False, now=now)
    presence_touch(ticket=ticket, agent=personas.manager, typing=True, now=now)
    text = heartbeat(login(personas.tier1), ticket.pk)
    assert f"Also viewing: <strong>{personas.tier2}</strong>" in text
    assert f"<strong>{personas.manager}</strong> is writing a reply" in text
    assert str(personas.tier1) not in text  # not told about themselves


def test_the_heartbeat_makes_the_agent_visible_to_others(personas, login, client) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    heartbeat(login(personas.tier1), ticket.pk, typing="on")
    client.force_login(personas.tier2)
    text = heartbeat(client, ticket.pk)
    assert f"<strong>{personas.tier1}</strong> is writing a reply" in text


def test_presence_expires_after_thirty_seconds(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    gone = timezone.now() - timedelta(seconds=31)
    presence_touch(ticket=ticket, agent=personas.tier2, typing=True, now=gone)
    text = heartbeat(login(personas.tier1), ticket.pk)
    assert str(personas.tier2) not in text
    assert "Nobody else is on this ticket." in text
    assert not TicketPresence.objects.filter(user=personas.tier2).exists()  # cleared


def test_leaving_the_page_removes_the_agent_at_once(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    client = login(personas.tier2)
    heartbeat(client, ticket.pk)
    response = client.post(reverse("workspace:presence", args=[ticket.pk]), {"leaving": "on"})
    assert response.status_code == 204
    assert not TicketPresence.objects.filter(ticket=ticket).exists()


def test_warned_when_another_agent_replied_since_the_page_opened(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    opened = timezone.now()
    services.message_add(ticket, personas.tier2, "We are on it.", "public")
    services.message_add(ticket, personas.tier1, "My own earlier draft.", "public")
    text = heartbeat(login(personas.tier1), ticket.pk, opened_at=opened.isoformat())
    assert f"<strong>{personas.tier2}</strong> replied" in text
    assert "just now — review before sending" in text
    assert 'data-replied="1"' in text  # the agent's own reply does not count


def test_no_warning_for_replies_before_the_page_opened(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    services.message_add(ticket, personas.tier2, "We are on it.", "public")
    opened = timezone.now() + timedelta(seconds=1)
    text = heartbeat(login(personas.tier1), ticket.pk, opened_at=opened.isoformat())
    assert "review before sending" not in text
    assert 'data-replied="0"' in text


def test_bad_opened_time_is_refused_with_a_reason(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    response = login(personas.tier1).post(
        reverse("workspace:presence", args=[ticket.pk]), {"opened_at": "yesterday-ish"}
    )
    assert response.status_code == 400
    assert "opened_at" in response.content.decode()


def test_customers_never_see_or_send_presence(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    presence_touch(ticket=ticket, agent=personas.tier2, typing=True, now=timezone.now())
    client = login(personas.alice)
    response = client.post(reverse("workspace:presence", args=[ticket.pk]))
    assert response.status_code in (403, 404)
    page = client.get(reverse("portal:ticket", args=[ticket.pk])).content.decode()
    assert "is writing a reply" not in page
    assert "collision" not in page


def test_the_ticket_page_carries_the_collision_card(personas, login) -> None:  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    page = login(personas.tier1).get(reverse("desk:ticket", args=[ticket.pk])).content.decode()
    assert 'id="collision"' in page
    assert reverse("workspace:presence", args=[ticket.pk]) in page


def test_heartbeat_for_a_missing_ticket_is_not_found(personas, login) -> None:  # type: ignore[no-untyped-def]
    response = login(personas.tier1).post(reverse("workspace:presence", args=[999999]))
    assert response.status_code == 404

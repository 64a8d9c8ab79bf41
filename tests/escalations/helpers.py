from charterdesk.mail.models import OutboundMail
from charterdesk.routing.models import Queue, Team, WorkMode
from charterdesk.tickets.models import Ticket


def mail_to(email: str, ticket: Ticket | None = None) -> list[OutboundMail]:
    rows = OutboundMail.objects.filter(recipient=email)
    if ticket is not None:
        rows = rows.filter(ticket=ticket)
    return list(rows.order_by("id"))


def swarm_queue(tier: int = 2, name: str = "Hard cases") -> Queue:
    """A queue that works as a swarm, with the Engineering team behind it."""
    return Queue.objects.create(
        name=name,
        team=Team.objects.get(name="Engineering"),
        tier=tier,
        work_mode=WorkMode.SWARM,
        position=50,
    )

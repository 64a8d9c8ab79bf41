from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import Ticket


def open_ticket(email: str = "alice@acme.example", **fields: object) -> Ticket:
    """A ticket opened through intake, as a customer would."""
    requester = Contact.objects.select_related("organization", "user").get(email=email)
    values = {
        "subject": "Export fails",
        "body": "I get an error when exporting.",
        "request_type": "error",
        "priority": "normal",
        **fields,
    }
    return ticket_create(requester=requester, actor=requester.user, **values)  # type: ignore[arg-type]

"""A file a customer attaches in the portal shows on the desk ticket page next to the message
it came with, and the agent downloads it (never shown inline)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from charterdesk.mail.models import Attachment
from tests.tickets.factories import open_ticket


def test_agent_sees_the_customer_upload_on_its_message_and_downloads_it(login, personas):
    ticket = open_ticket("alice@acme.example")
    log = b"2026-12-03 09:10 ERROR upstream timed out\n"
    login(personas.alice).post(
        f"/portal/tickets/{ticket.pk}/",
        {"body": "Here is the proxy log.", "attachments": [SimpleUploadedFile("proxy.log", log)]},
    )
    item = Attachment.objects.get(message__ticket=ticket)
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    message = page[page.index("Here is the proxy log.") :].split("</article>")[0]
    assert f'href="/desk/mail/attachments/{item.pk}" download>proxy.log</a>' in message
    download = login(personas.tier1).get(f"/desk/mail/attachments/{item.pk}")
    assert download.content == log
    assert download["Content-Disposition"] == 'attachment; filename="proxy.log"'
    assert download["Content-Type"] == "application/octet-stream"


def test_customers_cannot_use_the_agents_download(login, personas):
    ticket = open_ticket("alice@acme.example")
    client = login(personas.alice)
    client.post(
        f"/portal/tickets/{ticket.pk}/",
        {"body": "Log", "attachments": [SimpleUploadedFile("a.log", b"x\n")]},
    )
    item = Attachment.objects.get(message__ticket=ticket)
    assert client.get(f"/desk/mail/attachments/{item.pk}").status_code in (302, 403, 404)

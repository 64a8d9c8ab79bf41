"""Customers attach files to new requests and replies and download them back; files are
only ever downloads, sniffed like mail attachments, and stay within the organization."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from charterdesk.mail.models import Attachment, Blob
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _new_request(client, *files):  # type: ignore[no-untyped-def]
    return client.post(
        "/portal/new/",
        {
            "request_type": "error",
            "priority": "normal",
            "subject": "Export fails",
            "body": "See the screenshot.",
            "attachments": list(files),
        },
    )


def test_file_attached_to_a_new_request_downloads_back_unchanged(login, personas):
    client = login(personas.alice)
    response = _new_request(client, SimpleUploadedFile("error.png", PNG, "image/png"))
    ticket = Ticket.objects.get(subject="Export fails")
    page = client.get(response["Location"]).content.decode()
    item = Attachment.objects.get(message__ticket=ticket)
    assert "error.png" in page and f"/portal/files/{item.pk}" in page
    download = client.get(f"/portal/files/{item.pk}")
    assert download.content == PNG
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == 'attachment; filename="error.png"'
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_type_is_sniffed_from_the_bytes_not_the_claim(login, personas):
    client = login(personas.alice)
    _new_request(client, SimpleUploadedFile("notes.txt", PNG, "text/plain"))
    assert Attachment.objects.get().content_type == "image/png"


def test_reply_with_files_shows_them_on_the_reply(login, personas):
    ticket = open_ticket("alice@acme.example")
    client = login(personas.alice)
    files = [
        SimpleUploadedFile("app.log", b"ERROR boom\n", "text/plain"),
        SimpleUploadedFile("../../etc/passwd", b"root:x\n", "text/plain"),
    ]
    client.post(f"/portal/tickets/{ticket.pk}/", {"body": "Logs attached", "attachments": files})
    names = sorted(
        Attachment.objects.filter(message__ticket=ticket).values_list("filename", flat=True)
    )
    assert names == ["app.log", "passwd"]
    page = client.get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "app.log" in page and "passwd" in page


@override_settings(MAIL_MAX_ATTACHMENT_BYTES=1000)
def test_a_file_over_the_limit_is_refused_and_the_text_kept(login, personas):
    client = login(personas.alice)
    response = _new_request(client, SimpleUploadedFile("dump.bin", b"x" * 1001, "application/zip"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "dump.bin is larger than the limit" in page
    assert "See the screenshot." in page
    assert not Ticket.objects.filter(subject="Export fails").exists()


def test_customer_of_another_organization_gets_404_for_the_file(login, personas):
    _new_request(login(personas.alice), SimpleUploadedFile("error.png", PNG, "image/png"))
    item = Attachment.objects.get()
    assert login(personas.bob).get(f"/portal/files/{item.pk}").status_code == 404


def test_files_on_an_internal_note_never_reach_the_customer(login, personas):
    ticket = open_ticket("alice@acme.example")
    note = message_add(ticket, personas.tier1, "Internal dump", "internal")
    blob = Blob.objects.create(sha256="0" * 64, size=6, data=b"secret")
    item = Attachment.objects.create(
        message=note, blob=blob, filename="secret.txt", content_type="text/plain", size=6
    )
    client = login(personas.alice)
    assert client.get(f"/portal/files/{item.pk}").status_code == 404
    assert "secret.txt" not in client.get(f"/portal/tickets/{ticket.pk}/").content.decode()

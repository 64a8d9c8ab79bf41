"""An image attached to an article is shown inline to whoever may read the article; other
files are only downloaded; nobody else gets them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .helpers import published

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _attach(client, article, name, data, content_type):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    response = client.post(f"/desk/articles/{article.pk}/files", {"file": upload}, follow=True)
    return response.content.decode()


def test_image_inline_for_readers_and_hidden_from_others(login, personas, client):
    public = published(personas.manager, "Public steps")
    internal = published(personas.manager, "Internal steps", visibility="internal")
    agent = login(personas.tier1)
    assert "![shot.png](/help/files/" in _attach(agent, public, "shot.png", PNG, "image/png")
    _attach(agent, internal, "notes.html", b"<script>alert(1)</script>", "text/html")
    public_file, internal_file = public.files.get(), internal.files.get()
    client.logout()
    image = client.get(f"/help/files/{public_file.pk}/shot.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["Content-Disposition"].startswith("inline")
    assert client.get(f"/help/files/{internal_file.pk}/notes.html").status_code == 404
    download = login(personas.tier2).get(f"/help/files/{internal_file.pk}/notes.html")
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")

"""Files on forum posts: kept like customer uploads (type sniffed from the bytes, size
and count limits), from members of level Basic up, downloaded only by those who may read
the post, always as a download."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from charterdesk.community import services
from charterdesk.community.models import Access, Member, PostAttachment, TrustLevel
from charterdesk.mailboxes.ingest.store import blob_store

from .helpers import ask, category, reply

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _png(name: str = "screen.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def basic(personas):
    for user in (personas.alice, personas.bob, personas.carol):
        Member.objects.update_or_create(
            user=user,
            defaults={"handle": user.email.split("@")[0], "trust_level": TrustLevel.BASIC},
        )
    return personas


def test_reply_with_a_file_is_shown_and_downloaded(client, login, basic):
    topic = ask(basic.alice, "Export fails")
    login(basic.bob)
    response = client.post(
        f"/community/t/{topic.pk}/reply",
        {"body": "Same here, see the screen.", "attachments": [_png()]},
    )
    assert response.status_code == 302
    item = PostAttachment.objects.get()
    assert (item.filename, item.content_type, item.size) == ("screen.png", "image/png", len(PNG))
    page = client.get(f"/community/t/{topic.pk}/").content.decode()
    assert f'href="/community/files/{item.pk}" download>screen.png</a>' in page
    client.logout()  # an open category: anyone who reads the post gets its file
    download = client.get(f"/community/files/{item.pk}")
    assert download.status_code == 200
    assert download.content == PNG
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_closed_categorys_files_are_not_found_by_others(client, login, basic):
    gold = category("Gold lounge", Access.PLANS, plans=("Gold",))
    topic = ask(basic.alice, "Gold routing", category=gold, attachments=[_png("gold.png")])
    item = PostAttachment.objects.get(post__topic=topic)
    assert client.get(f"/community/files/{item.pk}").status_code == 404  # anonymous
    login(basic.bob)  # Silver
    assert client.get(f"/community/files/{item.pk}").status_code == 404
    login(basic.alice)
    assert client.get(f"/community/files/{item.pk}").status_code == 200
    login(basic.tier1)
    assert client.get(f"/community/files/{item.pk}").status_code == 200


def test_a_removed_posts_files_go_with_it(client, login, basic):
    topic = ask(basic.alice, "Export fails")
    post = reply(basic.bob, topic, "Look at this")
    services.post_review(actor=basic.tier1, post=post, approve=False, reason="Spam")
    item = PostAttachment.objects.create(
        post=post, blob=_blob(), filename="x.png", content_type="image/png", size=1
    )
    login(basic.carol)
    assert client.get(f"/community/files/{item.pk}").status_code == 404


def _blob():
    return blob_store(PNG)


def test_new_members_cannot_attach(personas):
    with pytest.raises(ValidationError) as error:
        ask(personas.carol, "Export fails", attachments=[_png()])
    assert "New members cannot attach files" in str(error.value)
    assert not PostAttachment.objects.exists()


def test_types_and_sizes_outside_the_limits_are_field_errors(client, login, basic, settings):
    settings.COMMUNITY_ATTACHMENT_MAX_BYTES = 1000
    topic = ask(basic.alice, "Export fails")
    login(basic.bob)
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/octet-stream")
    big = SimpleUploadedFile("big.txt", b"a" * 2000, "text/plain")
    response = client.post(
        f"/community/t/{topic.pk}/reply", {"body": "Try these", "attachments": [exe, big]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "setup.exe: files of type application/" in page
    assert "big.txt is larger than" in page
    assert not PostAttachment.objects.exists()
    assert topic.posts.count() == 1


def test_at_most_the_configured_number_of_files(basic, settings):
    settings.COMMUNITY_ATTACHMENTS_PER_POST = 2
    with pytest.raises(ValidationError) as error:
        ask(basic.bob, "Three screens", attachments=[_png("a.png"), _png("b.png"), _png("c.png")])
    assert "Attach at most 2 files" in str(error.value)


def test_new_topic_page_takes_files(client, login, basic):
    login(basic.bob)
    response = client.post(
        "/community/new",
        {
            "category": category().pk, "kind": "question", "title": "Export fails with a 500",
            "body": "See the screenshot.", "attachments": [_png()],
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert PostAttachment.objects.get().post.number == 1

"""Files on posts through API v1: uploaded (multipart, `attachments` parts) to a reply or
a topic's opening post by its author or staff, with the same checks as the pages; listed
with the post; downloaded by those who read the post only (a closed category's, a hidden
or removed post's file is a 404); errors are problem+json with field messages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from charterdesk.community.models import Access, Member, Post, PostAttachment, Review, TrustLevel

from .helpers import ask, category, reply

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _png(name="screen.png", data=PNG):
    return SimpleUploadedFile(name, data, content_type="image/png")


@pytest.fixture
def basic(personas):
    for user in (personas.alice, personas.bob, personas.carol):
        Member.objects.update_or_create(
            user=user,
            defaults={"handle": user.email.split("@")[0], "trust_level": TrustLevel.BASIC},
        )
    return personas


def test_author_uploads_to_a_reply_and_readers_download_it(api, basic):
    topic = ask(basic.alice, "Export fails")
    answer = reply(basic.bob, topic, "Same here.")
    bob = api.as_(basic.bob)
    created = bob.post(
        f"/api/v1/community/posts/{answer.pk}/files", {"attachments": [_png(), _png("b.png")]}
    )
    assert created.status_code == 201, created.content
    files = created.json()
    assert [(f["filename"], f["size"], f["content_type"]) for f in files] == [
        ("screen.png", len(PNG), "image/png"),
        ("b.png", len(PNG), "image/png"),
    ]
    assert files[0]["url"] == f"/api/v1/community/files/{files[0]['id']}"
    listed = api.as_(basic.carol).get(f"/api/v1/community/topics/{topic.pk}/posts").json()
    assert [f["filename"] for f in listed["items"][1]["files"]] == ["screen.png", "b.png"]
    download = api.as_(basic.carol).get(files[0]["url"])
    assert download.status_code == 200 and download.content == PNG
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert Client().get(files[0]["url"]).status_code == 401  # the API needs a token


def test_topic_files_go_to_the_opening_post(api, basic):
    topic = ask(basic.alice, "Export fails")
    created = api.as_(basic.alice).post(
        f"/api/v1/community/topics/{topic.pk}/files", {"attachments": _png()}
    )
    assert created.status_code == 201
    assert PostAttachment.objects.get().post == Post.objects.get(topic=topic, number=1)


def test_only_the_author_or_staff_and_the_page_checks_apply(api, basic, settings):
    settings.COMMUNITY_ATTACHMENTS_PER_POST = 2
    topic = ask(basic.alice)
    answer = reply(basic.bob, topic, "See the screen.")
    url = f"/api/v1/community/posts/{answer.pk}/files"
    other = api.as_(basic.carol).post(url, {"attachments": _png()})
    assert other.status_code == 403
    assert other["Content-Type"] == "application/problem+json"
    assert api.as_(basic.tier1).post(url, {"attachments": _png()}).status_code == 201
    bob = api.as_(basic.bob)
    too_many = bob.post(url, {"attachments": [_png("c.png"), _png("d.png")]})
    assert too_many.status_code == 422
    assert "at most 2 files" in " ".join(too_many.json()["errors"]["attachments"])
    exe = bob.post(url, {"attachments": _png("tool.exe", b"MZ\x90\x00" + b"\x00" * 60)})
    assert exe.status_code == 422 and "cannot be attached" in str(exe.json()["errors"])
    empty = bob.post(url, {"attachments": _png("blank.png", b"")})
    assert empty.status_code == 422 and "empty" in str(empty.json()["errors"])
    nothing = bob.post(url, {})
    assert nothing.status_code == 422
    assert PostAttachment.objects.count() == 1
    Member.objects.filter(user=basic.bob).update(trust_level=TrustLevel.NEW)
    new = bob.post(url, {"attachments": _png("e.png")})
    assert new.status_code == 422 and "New members" in str(new.json()["errors"])


def test_a_locked_topic_takes_no_files_from_members(api, basic):
    topic = ask(basic.alice)
    topic.locked = True
    topic.save(update_fields=["locked"])
    refused = api.as_(basic.alice).post(
        f"/api/v1/community/topics/{topic.pk}/files", {"attachments": _png()}
    )
    assert refused.status_code == 403 and "locked" in refused.json()["detail"]


def test_files_are_as_closed_as_their_posts(api, basic, settings):
    gold = category("Gold lounge", Access.PLANS, plans=("Gold",))
    closed = ask(basic.alice, "Gold routing", category=gold)
    item = (
        api.as_(basic.alice)
        .post(f"/api/v1/community/topics/{closed.pk}/files", {"attachments": _png()})
        .json()[0]
    )
    bob = api.as_(basic.bob)  # Globex: no Gold contract
    assert bob.get(item["url"]).status_code == 404
    assert bob.get(item["url"])["Content-Type"] == "application/problem+json"
    assert (
        bob.post(f"/api/v1/community/topics/{closed.pk}/files", {"attachments": _png()}).status_code
        == 404
    )
    # A removed post's file is served to staff only.
    open_topic = ask(basic.alice, "Open question")
    answer = reply(basic.bob, open_topic, "Look at this.")
    shared = bob.post(f"/api/v1/community/posts/{answer.pk}/files", {"attachments": _png()}).json()[
        0
    ]
    carol = api.as_(basic.carol)
    assert carol.get(shared["url"]).status_code == 200
    Post.objects.filter(pk=answer.pk).update(review=Review.REJECTED)
    assert carol.get(shared["url"]).status_code == 404
    assert bob.get(shared["url"]).status_code == 404
    assert api.as_(basic.tier1).get(shared["url"]).status_code == 200


def test_the_upload_and_download_are_documented(api, personas):
    document = Client().get("/api/v1/openapi.json").json()
    upload = document["paths"]["/api/v1/community/posts/{post_id}/files"]["post"]
    body = upload["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert "attachments" in str(body)
    download = document["paths"]["/api/v1/community/files/{file_id}"]["get"]
    assert "application/octet-stream" in download["responses"]["200"]["content"]

"""Mail about the forum goes through the outbox: mentions, followed topics, the daily
digest, and a signed unsubscribe link that works without signing in."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.community import services
from charterdesk.community.models import Access, Digest, Member
from charterdesk.community.sweep import send_daily_digests
from charterdesk.mail.models import OutboundMail

from .helpers import ask, category, reply


def _mail_to(user):
    return OutboundMail.objects.filter(recipient=user.email)


def test_mentioned_member_gets_a_mail(personas):
    services.member_of(personas.bob)  # bob's handle: @bob
    topic = ask(personas.alice, body="Has @bob seen this before?")
    mail = _mail_to(personas.bob).get()
    assert "mentioned you" in mail.subject
    assert f"/community/t/{topic.pk}/" in mail.text


def test_mention_of_someone_who_cannot_read_the_topic_sends_nothing(personas):
    services.member_of(personas.bob)
    gold = category("Gold lounge", Access.PLANS, plans=("Gold",))
    ask(personas.alice, body="Ask @bob about it", category=gold)
    assert not _mail_to(personas.bob).exists()


def test_the_asker_hears_of_replies_and_unsubscribes_without_signing_in(client, personas):
    topic = ask(personas.alice)
    reply(personas.bob, topic, "Here is how.")
    mail = _mail_to(personas.alice).get()
    assert "New reply" in mail.subject
    link = mail.text.split("Stop following (no sign-in needed): ")[1].split()[0]
    path = link.split("testserver")[-1].split("://")[-1]
    path = path[path.index("/community/") :]
    assert "Stop following" in client.get(path).content.decode()
    client.post(path)
    reply(personas.carol, topic, "Another way.")
    assert _mail_to(personas.alice).count() == 1


def test_forged_unsubscribe_link_is_not_found(client, personas):
    assert client.get("/community/unsubscribe/forged:token").status_code == 404


def test_daily_digest_collects_followed_topics_once(personas):
    topic = ask(personas.alice)
    Member.objects.filter(user=personas.alice).update(digest=Digest.DAILY)
    reply(personas.bob, topic, "A first answer.")
    assert not _mail_to(personas.alice).exists()  # no immediate mail
    now = timezone.now() + timedelta(minutes=1)
    assert send_daily_digests(now) == 1
    assert send_daily_digests(now) == 0  # claimed: not twice
    digest = _mail_to(personas.alice).get()
    assert topic.title in digest.text


def test_digest_off_means_no_mail(client, login, personas):
    topic = ask(personas.alice)
    login(personas.alice)
    client.post("/community/settings", {"digest": "off"})
    reply(personas.bob, topic, "An answer.")
    assert not _mail_to(personas.alice).exists()


def test_category_followers_hear_of_new_topics(client, login, personas):
    general = category()
    login(personas.bob)
    client.post(f"/community/c/{general.slug}/follow")
    ask(personas.alice, "A brand new topic", category=general)
    assert "New topic: A brand new topic" in _mail_to(personas.bob).get().subject

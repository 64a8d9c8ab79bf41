"""Community topics share the search engine: they show in help-center search and in the
suggestions while a customer writes a request, marked as community content, and only for
readers who may read them."""

from charterdesk.community import services
from charterdesk.community.models import Access

from .helpers import ask, category, reply


def test_help_search_shows_community_answers_marked(client, personas):
    topic = ask(personas.alice, "Webhook retries after timeout", body="Do webhooks retry?")
    answer = reply(personas.tier1, topic, "Yes: webhooks retry five times with backoff.")
    services.answer_accept(actor=personas.alice, post=answer)
    page = client.get("/help/search", {"q": "webhook retries"}).content.decode()
    assert "Answers from the community" in page
    assert "Webhook retries after timeout" in page
    assert 'class="badge elsewhere-community">Community<' in page


def test_portal_suggestions_include_answered_topics(client, login, personas):
    topic = ask(personas.bob, "Webhook retries after timeout", body="Do webhooks retry?")
    reply(personas.tier1, topic, "Yes: webhooks retry five times with backoff.")
    login(personas.alice)
    page = client.get(
        "/help/suggestions", {"subject": "webhook retries", "body": "do webhooks retry"}
    ).content.decode()
    assert "Webhook retries after timeout" in page
    assert ">Community<" in page


def test_unanswered_topics_are_not_suggested(client, login, personas):
    ask(personas.bob, "Webhook retries after timeout", body="Do webhooks retry?")
    login(personas.alice)
    page = client.get("/help/suggestions", {"subject": "webhook retries"}).content.decode()
    assert "Webhook retries after timeout" not in page


def test_closed_category_topics_never_reach_other_readers(client, login, personas):
    gold = category("Gold lounge", Access.PLANS, plans=("Gold",))
    topic = ask(personas.alice, "Webhook retries for Gold", category=gold)
    reply(personas.tier1, topic, "Gold webhooks retry ten times.")
    login(personas.bob)
    assert (
        "Webhook retries for Gold"
        not in client.get("/help/search", {"q": "webhook retries"}).content.decode()
    )
    assert (
        "Webhook retries for Gold"
        not in client.get("/help/suggestions", {"subject": "webhook retries gold"}).content.decode()
    )


def test_hidden_topics_leave_the_index(client, personas):
    topic = ask(personas.alice, "Webhook retries after timeout")
    services.post_review(
        actor=personas.tier1, post=topic.posts.get(number=1), approve=False, reason="Spam"
    )
    page = client.get("/help/search", {"q": "webhook retries"}).content.decode()
    assert "Webhook retries after timeout" not in page

"""The community report counts unanswered questions, who answered, and tickets made."""

from charterdesk.community import services

from .helpers import ask, reply


def test_report_figures_for_the_period(client, login, personas):
    answered = ask(personas.alice, "Answered by staff")
    services.answer_accept(actor=personas.alice, post=reply(personas.tier1, answered))
    by_member = ask(personas.bob, "Answered by a member")
    services.answer_accept(actor=personas.bob, post=reply(personas.carol, by_member))
    ask(personas.carol, "Nobody replied yet")
    services.topic_to_ticket(actor=personas.tier1, topic=ask(personas.alice, "Bug"), reason="Bug")
    login(personas.manager)
    page = client.get("/desk/community/reports").content.decode()
    assert '<dd id="fig-topics">4</dd>' in page
    assert '<dd id="fig-unanswered">1</dd>' in page  # the ticket's topic has a staff reply
    assert '<dd id="fig-staff">1 (50%)</dd>' in page
    assert '<dd id="fig-members">1</dd>' in page
    assert '<dd id="fig-tickets">1</dd>' in page
    assert "Nobody replied yet" in page
    assert "<svg" in page


def test_customers_cannot_read_the_report(client, login, personas):
    login(personas.alice)
    assert client.get("/desk/community/reports").status_code == 403

from tests.hours.factories import log, metered_ticket


def test_a_contact_sees_their_organizations_bank_and_authorized_contacts(personas, login):
    ticket = metered_ticket()
    log(ticket, personas.tier1, 90, note="agent-only note")
    html = login(personas.carol).get("/portal/plan/").content.decode()
    assert "Bronze plan · Initech" in html
    assert "<dt>Used</dt><dd>1.5 h" in html
    assert "<dt>Remaining</dt><dd><strong>8.5 h</strong>" in html
    assert "carol@initech.example" in html
    assert "agent-only note" not in html


def test_another_organization_sees_only_its_own_plan(personas, login):
    metered_ticket()
    html = login(personas.bob).get("/portal/plan/").content.decode()
    assert "Silver plan · Globex" in html
    assert "Initech" not in html

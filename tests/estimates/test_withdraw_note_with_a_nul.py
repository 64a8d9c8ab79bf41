"""The Withdraw button's view reads its note through a form: a note no database can hold
(a NUL character, sent by a crafted post) is refused on the ticket page and the estimate
stays sent."""

from charterdesk.estimates.models import EstimateState
from tests.estimates.factories import consulting_ticket, quote


def test_a_withdraw_note_with_a_nul_is_refused_and_the_estimate_stays_sent(login, personas):
    estimate = quote(consulting_ticket(), personas.tier2, "6")
    client = login(personas.tier2)
    response = client.post(
        f"/desk/estimates/{estimate.pk}/withdraw", {"note": "sorry\x00"}, follow=True
    )
    estimate.refresh_from_db()
    assert estimate.state == EstimateState.SENT
    assert "The estimate was not withdrawn. Note: Null characters are not allowed." in (
        response.content.decode()
    )

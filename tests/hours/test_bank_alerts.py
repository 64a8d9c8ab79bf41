from charterdesk.customers.models import Contact
from charterdesk.hours.models import BankAlert
from charterdesk.mail.models import OutboundMail
from tests.hours.factories import bank_set, log, metered_ticket


def _alerts() -> list[tuple[str, str]]:
    return sorted(
        (m.recipient, m.subject) for m in OutboundMail.objects.filter(subject__contains="bank")
    )


def test_at_80_percent_the_account_manager_and_administrators_are_told_once(personas):
    ticket = metered_ticket()
    contract = bank_set(ticket.contract, included="1")
    contract.administrators.add(Contact.objects.get(email="carol@initech.example"))
    log(ticket, personas.tier1, 40)
    assert _alerts() == []
    log(ticket, personas.tier1, 10)  # 50 of 60 minutes: 83%
    log(ticket, personas.tier1, 1)  # still past 80%: no second mail
    assert _alerts() == [
        ("carol@initech.example", "Initech: 80% of the hours bank used"),
        ("manager@charterdesk.example", "Initech: 80% of the hours bank used"),
    ]


def test_at_100_percent_they_are_told_again_and_never_twice(personas):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="1")
    log(ticket, personas.tier1, 50)
    log(ticket, personas.tier1, 10)
    log(ticket, personas.tier1, 10)
    subjects = [s for _, s in _alerts()]
    assert subjects == [
        "Initech: 80% of the hours bank used",
        "Initech: hours bank used up",
    ]
    assert set(BankAlert.objects.values_list("threshold", flat=True)) == {80, 100}


def test_passing_both_thresholds_at_once_sends_one_mail(personas):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="1")
    log(ticket, personas.tier1, 70)
    assert [s for _, s in _alerts()] == ["Initech: hours bank used up"]

from django.core import mail

from charterdesk.core.schedule import JOBS
from charterdesk.customers.models import Contact
from charterdesk.statements.calendar_months import Month
from charterdesk.statements.models import StatementMailing
from charterdesk.statements.services import statement_mail
from charterdesk.statements.sweep import mail_due_statements

from .conftest import utc

AUGUST_2 = utc(2026, 8, 2, 10)


def _administer(contract, *emails):
    contract.administrators.set(Contact.objects.filter(email__in=emails))


def test_administrators_get_last_months_statement_once(july, django_capture_on_commit_callbacks):
    _administer(july.acme, "alice@acme.example", "wile@acme.example")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = mail_due_statements(AUGUST_2)
    with django_capture_on_commit_callbacks(execute=True):
        again = mail_due_statements(utc(2026, 8, 2, 11))
    assert len(first) == 1 and again == []
    sent = sorted(mail.outbox, key=lambda m: m.to)
    assert [m.to for m in sent] == [["alice@acme.example"], ["wile@acme.example"]]
    message = sent[0]
    assert message.subject == "Usage statement July 2026: Acme Corp (Gold)"
    assert "used this month         4.25 h" in message.body
    assert "remaining               35.75 h" in message.body
    assert f"/portal/statements/{july.acme.pk}?month=2026-07" in message.body
    html = message.alternatives[0][0]
    assert (
        "<b>35.75 h</b>" in html and f"/portal/statements/{july.acme.pk}/pdf?month=2026-07" in html
    )
    record = StatementMailing.objects.get()
    assert (record.contract, str(record.month)) == (july.acme, "2026-07-01")


def test_a_second_worker_with_the_same_statement_due_sends_nothing(july):
    _administer(july.acme, "alice@acme.example")
    assert statement_mail(july.acme, Month(2026, 7), AUGUST_2) is not None
    assert statement_mail(july.acme, Month(2026, 7), AUGUST_2) is None
    assert StatementMailing.objects.count() == 1


def test_nothing_is_mailed_after_the_first_days_of_the_month(july):
    _administer(july.acme, "alice@acme.example")
    assert mail_due_statements(utc(2026, 8, 15)) == []
    assert not StatementMailing.objects.exists()


def test_contracts_without_administrators_get_no_statement(july):
    _administer(july.globex, "bob@globex.example")
    mailed = mail_due_statements(AUGUST_2)
    assert list(
        StatementMailing.objects.filter(pk__in=mailed).values_list("contract", flat=True)
    ) == [july.globex.pk]


def test_the_month_turns_in_the_contracts_time_zone(july):
    _administer(july.acme, "alice@acme.example")
    assert mail_due_statements(utc(2026, 7, 31, 22, 30)) == []  # 23:30 on 31 July in London
    assert len(mail_due_statements(utc(2026, 7, 31, 23, 30))) == 1  # 00:30 on 1 August


def test_the_scheduler_runs_the_monthly_statement_job():
    job = next(j for j in JOBS if j.name == "mail-statements")
    assert job.task.name == "mail_monthly_statements"

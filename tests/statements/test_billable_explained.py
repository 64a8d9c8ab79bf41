"""The statement says in one sentence what billable and included time mean."""

from django.core import mail

from charterdesk.customers.models import Contact
from charterdesk.statements.sweep import mail_due_statements

from .conftest import utc

SENTENCE = "time on requests your plan includes is never billed unless we told you so"


def test_the_statement_page_explains_billable_and_included(login, personas, july):
    html = login(personas.tier1).get(f"/desk/statements/{july.acme.pk}", {"month": "2026-07"})
    assert SENTENCE in html.content.decode()


def test_the_statement_mail_explains_it_too(july, django_capture_on_commit_callbacks):
    july.acme.administrators.set(Contact.objects.filter(email="alice@acme.example"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mail_due_statements(utc(2026, 8, 2, 10))
    (message,) = mail.outbox
    assert SENTENCE in message.body
    assert SENTENCE in message.alternatives[0][0]

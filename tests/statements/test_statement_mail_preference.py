"""An administrator who turned statement mail off in the profile gets none; others do."""

from django.core import mail

from charterdesk.customers.models import Contact
from charterdesk.statements.sweep import mail_due_statements

from .conftest import utc


def test_statement_mail_goes_only_to_administrators_who_want_it(
    july, django_capture_on_commit_callbacks
):
    july.acme.administrators.set(
        Contact.objects.filter(email__in=["alice@acme.example", "wile@acme.example"])
    )
    Contact.objects.filter(email="wile@acme.example").update(mail_statements=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mail_due_statements(utc(2026, 8, 2, 10))
    assert [m.to for m in mail.outbox] == [["alice@acme.example"]]

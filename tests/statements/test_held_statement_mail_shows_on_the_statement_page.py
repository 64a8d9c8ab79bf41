"""A statement mail that is held (a bouncing address, an address that cannot be one) says
why on the desk's statement page, where the agents who follow the contract look, with the
way to release it; customers' statement page shows none of it."""

from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.statements.sweep import mail_due_statements

from .conftest import utc

AUGUST_2 = utc(2026, 8, 2, 10)


def test_a_held_statement_mail_shows_its_reason_on_the_desk_statement_page(
    july, personas, login, django_capture_on_commit_callbacks
):
    july.acme.administrators.set(
        Contact.objects.filter(email__in=["alice@acme.example", "wile@acme.example"])
    )
    Contact.objects.filter(email="wile@acme.example").update(bouncing_since=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        mail_due_statements(AUGUST_2)

    page = login(personas.manager).get(f"/desk/statements/{july.acme.pk}?month=2026-07")
    mailing = page.content.decode().split('id="mailing"')[1].split("</section>")[0]
    wile = mailing.split("wile@acme.example")[1].split("</li>")[0]
    assert "Not sent" in wile
    assert "the address is bouncing" in wile
    assert 'href="/desk/mail/outbox/">release it on the outbox page</a>' in wile
    alice = mailing.split("alice@acme.example")[1].split("</li>")[0]
    assert "Sent" in alice and "bouncing" not in alice


def test_a_month_not_mailed_says_so(july, personas, login):
    page = login(personas.manager).get(f"/desk/statements/{july.acme.pk}?month=2026-07")
    assert "Not mailed for this month" in page.content.decode()


def test_customers_do_not_see_the_mailing(july, personas, login):
    july.acme.administrators.set(Contact.objects.filter(email="alice@acme.example"))
    mail_due_statements(AUGUST_2)
    page = login(personas.alice).get(f"/portal/statements/{july.acme.pk}?month=2026-07")
    assert page.status_code == 200
    assert "Mailed to the contract" not in page.content.decode()

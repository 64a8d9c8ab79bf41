"""Mailing statements to contract administrators. Never commits: the caller owns the
transaction (the monthly task, one per contract)."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from charterdesk.mail.outbox import mail_queue
from charterdesk.plans.models import Contract

from .calendar_months import Month
from .models import StatementMailing
from .usage import usage_statement

TEMPLATE = "statements/mail/statement"


def portal_link(contract: Contract, month: Month, view: str = "portal_statement") -> str:
    path = reverse(f"statements:{view}", kwargs={"contract_id": contract.pk})
    return f"{settings.SITE_URL}{path}?month={month}"


def statement_mail(contract: Contract, month: Month, now: datetime) -> StatementMailing | None:
    """Mail `month`'s statement to the contract's administrators, once per contract and
    month. None when it was mailed before (by this or another worker) or nobody
    administers the contract who wants it by mail (their profile says so; it goes out
    once someone does, within the mailing days)."""
    emails = sorted({c.email.lower() for c in contract.administrators.all() if c.mail_statements})
    if not emails:
        return None
    try:
        with transaction.atomic():  # a savepoint: a duplicate rolls back only the record
            mailing = StatementMailing.objects.create(
                contract=contract, month=month.first_day, recipients=emails, sent_at=now
            )
    except IntegrityError:
        return None  # another worker recorded it first
    statement = usage_statement(contract, month, now)
    link, pdf_link = portal_link(contract, month), portal_link(contract, month, "portal_pdf")
    mails = [  # one mail each: a bouncing address holds back only its own
        mail_queue(
            to=email,
            template=TEMPLATE,
            context={"s": statement, "link": link, "pdf_link": pdf_link},
        )
        for email in emails
    ]
    # Kept with the mailing, so the desk's statement page says what became of each mail.
    mailing.mails.set([mail for mail in mails if mail is not None])
    return mailing

"""Writes on surveys. Callers own the transaction; mail leaves on commit."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.customers.models import Contact
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.hooks import TicketAnonymization
from charterdesk.tickets.models import EventKind, Status, Ticket
from charterdesk.tickets.services.history import record

from .models import Rating, Survey

SALT = "charterdesk.satisfaction.survey"
SURVEYED_STATUSES = (Status.SOLVED, Status.CLOSED)


def change_days(ticket: Ticket) -> int:
    plan = ticket.contract.plan if ticket.contract else None
    return plan.survey_change_days if plan else int(getattr(settings, "SURVEY_CHANGE_DAYS", 14))


def token_for(survey: Survey) -> str:
    return signing.dumps(survey.pk, salt=SALT, compress=True)


def survey_from_token(token: str) -> Survey:
    """The survey a signed link names; Survey.DoesNotExist for a tampered or foreign link."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise Survey.DoesNotExist("The link is not valid.") from exc
    return Survey.objects.select_related("ticket__requester", "plan").get(pk=int(pk))


def survey_url(survey: Survey, rating: int | None = None) -> str:
    url = settings.SITE_URL + reverse("satisfaction:answer", args=[token_for(survey)])
    return f"{url}?rating={rating}" if rating else url


def survey_send(ticket: Ticket, now: datetime) -> Survey | None:
    """Create the ticket's survey and mail the requester (unless their mail bounces: then
    the survey waits in the portal). None when the ticket already has one."""
    if ticket.status not in SURVEYED_STATUSES:
        return None
    requester = ticket.requester
    try:
        with transaction.atomic():  # a savepoint: a concurrent sender made it first
            survey = Survey.objects.create(
                ticket=ticket,
                contact=requester,
                agent=ticket.assignee,
                team_id=ticket.queue.team_id,
                queue=ticket.queue,
                plan=ticket.contract.plan if ticket.contract else None,
                contract=ticket.contract,
                sent_at=now,
                mailed=requester.bouncing_since is None and requester.mail_surveys,
                open_until=now + timedelta(days=change_days(ticket)),
            )
    except IntegrityError:
        return None
    record(
        ticket,
        None,
        EventKind.SURVEY,
        field="survey",
        new="sent" if survey.mailed else "offered in the portal",
        note="" if survey.mailed else f"not mailed: {_why_not_mailed(requester)}",
        at=now,
    )
    if survey.mailed:
        mail_queue(
            to=[requester.email],
            template="satisfaction/mail/survey",
            context={
                "survey": survey,
                "links": [(r, survey_url(survey, r.value)) for r in reversed(Rating)],
                "url": survey_url(survey),
            },
            ticket=ticket,
        )
    return survey


def _why_not_mailed(requester: Contact) -> str:
    if requester.bouncing_since is not None:
        return "the requester's address bounces"
    return "the requester asked for no survey mail"


def survey_answer(
    survey: Survey,
    rating: object,
    comment: str,
    now: datetime,
    actor: User | None = None,
) -> Survey:
    """Record or change the answer, while the survey is open. `actor` is the signed-in
    user (None for a signed link, which stands for the requester)."""
    if actor is not None and getattr(actor, "contact", None) != survey.contact:
        raise PermissionDenied("Only the requester answers the survey of a request.")
    try:
        value = int(str(rating))
    except ValueError:
        value = 0
    if value not in Rating.values:
        raise ValidationError({"rating": "Choose a rating from 1 to 5."})
    if len(comment) > 5000:
        raise ValidationError({"comment": "Keep the comment under 5,000 characters."})
    if now > survey.open_until:
        raise ValidationError(
            {"rating": "This survey is closed; the answer can no longer be changed."}
        )
    old = survey.rating
    first = survey.answered_at is None
    survey.rating, survey.comment, survey.changed_at = value, comment.strip(), now
    if first:
        survey.answered_at = now
        survey.open_until = now + timedelta(days=change_days(survey.ticket))
    survey.save(update_fields=["rating", "comment", "changed_at", "answered_at", "open_until"])
    record(
        survey.ticket,
        actor or survey.contact.user,
        EventKind.SURVEY,
        field="rating",
        old=f"{old}/5" if old else "",
        new=f"{value}/5",
        note=("Rated: " if first else "Rating changed: ") + survey.comment,
        at=now,
    )
    return survey


def forget_survey_comment(event: TicketAnonymization) -> None:
    """A ticket is anonymized: its requester's comment goes, the rating stays counted."""
    Survey.objects.filter(ticket=event.ticket).update(comment="")

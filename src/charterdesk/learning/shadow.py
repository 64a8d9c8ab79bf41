"""Shadow mode: a new agent's public replies wait as drafts until their mentor approves
them. A draft is no message: the customer never sees it, no mail is queued and no SLA
clock moves. Approving sends it through the ordinary reply service, authored by the
learner; every step is a line in the ticket's internal history. Callers own the
transaction."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.tickets.guards import check_not_closed
from charterdesk.tickets.hooks import PublicReplyAttempt
from charterdesk.tickets.models import EventKind, Status, Ticket
from charterdesk.tickets.services import message_add, ticket_update
from charterdesk.tickets.services.history import record
from charterdesk.tickets.services.validation import check_body

from .models import DraftReply, DraftState, Shadowing
from .paths import check_curator
from .selectors import shadowing_of

SHADOWED = (
    "You are in shadow mode: your public replies are drafts for your mentor "
    "(the desk's reply box, or POST /api/v1/tickets/{id}/drafts)."
)
_approving: ContextVar[int | None] = ContextVar("approving_draft", default=None)
_SHADOWED_ATTR = "_learning_shadowed"


@contextmanager
def _sending_for(learner: User) -> Iterator[None]:
    token = _approving.set(learner.pk)
    try:
        yield
    finally:
        _approving.reset(token)


def refuse_shadowed_replies(attempt: PublicReplyAttempt) -> None:
    """The `public_reply_checks` handler: a shadowed agent's public reply goes through
    the draft service; anything else that would post one for them (a macro, an API call)
    is refused, so nothing reaches a customer unapproved."""
    author = attempt.author
    if _approving.get() == author.pk or not _is_shadowed(author):
        return
    raise ValidationError({"body": SHADOWED})


def _is_shadowed(author: User) -> bool:
    """Whether the author is in shadow mode, asked once per user object (a bulk action
    replies as one agent on many tickets); starting or ending shadow mode forgets it."""
    known = author.__dict__.get(_SHADOWED_ATTR)
    if known is None:
        known = author.__dict__[_SHADOWED_ATTR] = shadowing_of(author) is not None
    return bool(known)


def _forget(learner: User) -> None:
    learner.__dict__.pop(_SHADOWED_ATTR, None)


def shadow_start(*, actor: User, learner: User, mentor: User) -> Shadowing:
    check_curator(actor)
    errors: dict[str, str] = {}
    if not learner.is_agent or not learner.is_active:
        errors["learner"] = "Only an active agent can be shadowed."
    if not mentor.is_agent or not mentor.is_active:
        errors["mentor"] = "The mentor is an active agent."
    elif mentor.pk == learner.pk:
        errors["mentor"] = "An agent cannot mentor themselves."
    elif shadowing_of(mentor) is not None:
        errors["mentor"] = f"{mentor} is in shadow mode themselves."
    if errors:
        raise ValidationError(errors)
    current = shadowing_of(learner)
    if current is not None:
        current.ended_at = timezone.now()
        current.save(update_fields=["ended_at"])
    _forget(learner)
    return Shadowing.objects.create(learner=learner, mentor=mentor, started_by=actor)


def shadow_end(*, actor: User, learner: User) -> None:
    """The learner's replies are sent directly again; drafts still waiting stay for the
    mentor to approve or return."""
    check_curator(actor)
    Shadowing.objects.filter(learner=learner, ended_at=None).update(ended_at=timezone.now())
    _forget(learner)


def draft_submit(*, ticket: Ticket, learner: User, body: str, status_after: str = "") -> DraftReply:
    shadowing = shadowing_of(learner)
    if shadowing is None:
        raise PermissionDenied("Only agents in shadow mode write drafts.")
    check_not_closed(ticket, "body", "This ticket is closed; no reply can be sent.")
    if status_after and status_after not in Status.values:
        raise ValidationError({"status": "Pick a status."})
    draft = DraftReply.objects.create(
        ticket=ticket,
        learner=learner,
        mentor=shadowing.mentor,
        body=check_body(body),
        status_after=status_after,
    )
    note = f"Draft reply by {learner} waits for {shadowing.mentor}'s review."
    record(ticket, learner, EventKind.DRAFT, note=note, internal=True, at=draft.created_at)
    return draft


def _check_reviewer(draft: DraftReply, mentor: User) -> None:
    if draft.mentor_id != mentor.pk:
        raise PermissionDenied("Only the learner's mentor reviews this draft.")
    if draft.state != DraftState.WAITING:
        raise ValidationError({"body": f"This draft was {draft.get_state_display().lower()}."})


def draft_approve(*, draft: DraftReply, mentor: User, body: str | None = None) -> DraftReply:
    """Send the draft as the learner's public reply (as written, or as the mentor edited
    it); the history credits the learner and names the mentor."""
    _check_reviewer(draft, mentor)
    ticket, learner = draft.ticket, draft.learner
    text = check_body(body) if body is not None and body.strip() else draft.body
    draft.edited = text != draft.body
    now = timezone.now()
    with _sending_for(learner):
        draft.sent_message = message_add(ticket, learner, text, at=now)
    how = "after editing it" if draft.edited else "as written"
    note = f"{mentor} approved the draft reply by {learner} and sent it {how}."
    record(ticket, mentor, EventKind.DRAFT, note=note, internal=True, at=now)
    if draft.status_after and draft.status_after != ticket.status:
        ticket_update(ticket, mentor, at=now, status=draft.status_after)
    draft.body, draft.state, draft.reviewed_at = text, DraftState.APPROVED, now
    draft.save(update_fields=["body", "edited", "state", "sent_message", "reviewed_at"])
    return draft


def draft_return(*, draft: DraftReply, mentor: User, comment: str) -> DraftReply:
    """Back to the learner with a comment; nothing is sent."""
    _check_reviewer(draft, mentor)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Tell the learner what to change."})
    if len(comment) > 1000:
        raise ValidationError({"comment": "Keep the comment under 1,000 characters."})
    now = timezone.now()
    draft.state, draft.comment, draft.reviewed_at = DraftState.RETURNED, comment, now
    draft.save(update_fields=["state", "comment", "reviewed_at"])
    note = f"{mentor} returned the draft reply by {draft.learner}: {comment}"
    record(draft.ticket, mentor, EventKind.DRAFT, note=note, internal=True, at=now)
    return draft

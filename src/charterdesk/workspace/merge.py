"""Merging a duplicate into the ticket that survives. Callers own the transaction.

The rule across organizations: a merge joins two tickets of one organization. An agent
may merge a duplicate of another organization only by saying so (`across_organizations`),
and then nothing of it becomes visible to the surviving ticket's customers: its messages
arrive as internal notes and its requester does not follow the surviving ticket (they are
told by mail on their own, closed ticket, which points to a number they cannot open)."""

from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.tickets.models import EventKind, Message, Status, Ticket, TicketFollower
from charterdesk.tickets.models import Visibility as MessageVisibility
from charterdesk.tickets.services import message_add, ticket_update
from charterdesk.tickets.services.history import record

from .models import LinkKind, TicketLink

DEFAULT_NOTICE = (
    "This request is a duplicate of request #{surviving}, so we have merged the two: "
    "the conversation continues on #{surviving}. Replying to this mail adds to it."
)


def ticket_merge(
    duplicate: Ticket,
    surviving: Ticket,
    actor: User,
    *,
    across_organizations: bool = False,
    notice: str = "",
) -> int:
    """Merge `duplicate` into `surviving`: its conversation is copied over, its requester
    and followers follow `surviving`, the two are linked, the duplicate's requester is told
    in a public reply and the duplicate is closed, pointing at `surviving`; each step in
    both histories. Returns how many messages were carried over."""
    if not actor.has_perm(Perm.WORK_TICKETS):
        raise PermissionDenied("Merging tickets is for agents.")
    same = duplicate.organization_id == surviving.organization_id
    _check(duplicate, surviving, same or across_organizations)
    carried = _carry_messages(duplicate, surviving, public=same)
    if same:
        _carry_followers(duplicate, surviving)
    TicketLink.objects.filter(
        source__in=(duplicate, surviving), target__in=(duplicate, surviving)
    ).delete()
    TicketLink.objects.create(
        source=duplicate, target=surviving, kind=LinkKind.DUPLICATE_OF, created_by=actor
    )
    text = (notice.strip() or DEFAULT_NOTICE).replace("{surviving}", str(surviving.pk))
    message_add(duplicate, actor, text)
    record(duplicate, actor, EventKind.CHANGED, field="merged_into", new=f"#{surviving.pk}")
    record(
        surviving,
        actor,
        EventKind.CHANGED,
        field="merged_from",
        new=f"#{duplicate.pk}",
        note=f"{carried} message{'s' if carried != 1 else ''} carried over",
        internal=not same,
    )
    duplicate.merged_into = surviving
    ticket_update(duplicate, actor, status=Status.CLOSED)
    duplicate.save(update_fields=["merged_into"])
    return carried


def _check(duplicate: Ticket, surviving: Ticket, organizations_ok: bool) -> None:
    if duplicate.pk == surviving.pk:
        raise ValidationError({"surviving": ["A ticket cannot be merged into itself."]})
    if duplicate.status == Status.CLOSED or duplicate.merged_into_id:
        raise ValidationError({"surviving": [f"Ticket #{duplicate.pk} is closed: not merged."]})
    if surviving.status == Status.CLOSED:
        raise ValidationError(
            {"surviving": [f"Ticket #{surviving.pk} is closed: merge into an open ticket."]}
        )
    if not organizations_ok:
        raise ValidationError(
            {
                "surviving": [
                    f"Ticket #{surviving.pk} belongs to another organization: tick "
                    "“across organizations” to merge it as internal notes."
                ]
            }
        )


def _carry_messages(duplicate: Ticket, surviving: Ticket, *, public: bool) -> int:
    """Copies of the duplicate's messages, at their own times (one query to read, one to
    write); across organizations every copy is an internal note."""
    copies = [
        Message(
            ticket=surviving,
            author_id=m.author_id,
            author_contact_id=m.author_contact_id,
            from_staff=m.from_staff,
            visibility=m.visibility if public else MessageVisibility.INTERNAL,
            channel=m.channel,
            body=f"(From #{duplicate.pk}) {m.body}",
            created_at=m.created_at,
        )
        for m in duplicate.messages.all()
    ]
    Message.objects.bulk_create(copies)
    return len(copies)


def _carry_followers(duplicate: Ticket, surviving: Ticket) -> None:
    """The duplicate's requester and followers follow the surviving ticket."""
    have_contacts = set(surviving.followers.values_list("contact_id", flat=True))
    have_users = set(surviving.followers.values_list("user_id", flat=True))
    have_contacts.add(surviving.requester_id)
    new: list[TicketFollower] = []
    contacts = {duplicate.requester_id} | {
        c for c in duplicate.followers.values_list("contact_id", flat=True) if c
    }
    new += [TicketFollower(ticket=surviving, contact_id=c) for c in contacts - have_contacts]
    users = {u for u in duplicate.followers.values_list("user_id", flat=True) if u}
    new += [TicketFollower(ticket=surviving, user_id=u) for u in users - have_users]
    TicketFollower.objects.bulk_create(new)
    if duplicate.requester_id not in have_contacts:
        record(
            surviving,
            None,
            EventKind.CHANGED,
            field="followers",
            new=duplicate.requester.email,
        )

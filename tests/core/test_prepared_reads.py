"""A prepared read (core.prepared) gives what its queryset gives, row for row, with the
new arguments every call, compiled once: on SQLite and PostgreSQL alike."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db.models import Count, F
from django.utils import timezone

from charterdesk.core.prepared import Prepared
from charterdesk.tickets.models import Message, Ticket, TicketTag, Visibility
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

pytestmark = pytest.mark.django_db


def _messages(ticket_id: int):  # type: ignore[no-untyped-def]
    return Message.objects.filter(ticket_id=ticket_id).select_related("author", "author_contact")


MESSAGES = Prepared(_messages, int)


def _fields(m: Message) -> tuple[object, ...]:
    return (m.pk, m.ticket_id, m.body, m.created_at, m.visibility, m.from_staff)


def test_it_gives_the_querysets_rows_for_each_argument(personas, django_assert_num_queries):
    first, second = open_ticket(), open_ticket("bob@globex.example")
    message_add(first, personas.tier1, "We are on it.", Visibility.INTERNAL)
    for ticket in (first, second, first):
        expected = list(_messages(ticket.pk))
        with django_assert_num_queries(1):  # the authors come with the messages
            got = MESSAGES(ticket.pk)
            assert [_fields(m) for m in got] == [_fields(m) for m in expected]
            assert [m.author for m in got] == [m.author for m in expected]
            assert [m.author_contact for m in got] == [m.author_contact for m in expected]
        assert all(m._state.db == "default" and not m._state.adding for m in got)
    assert MESSAGES(-1) == []


def test_it_compiles_once_per_connection():
    built = []

    def build(ticket_id: int):  # type: ignore[no-untyped-def]
        built.append(ticket_id)
        return Ticket.objects.filter(pk=ticket_id)

    read = Prepared(build, int)
    ticket = open_ticket()
    assert [t.pk for t in read(ticket.pk)] == [ticket.pk]
    assert [t.pk for t in read(ticket.pk + 1000)] == []
    assert [t.pk for t in read(ticket.pk)] == [ticket.pk]
    assert len(built) == 1 and built[0] != ticket.pk  # built with a stand-in, not real data


def test_a_positive_integer_field_takes_an_argument(personas):
    from charterdesk.plans.models import Plan

    plan = Plan.objects.order_by("pk").first()
    assert plan is not None
    Plan.objects.filter(pk=plan.pk).update(max_authorized_contacts=7)
    read = Prepared(lambda n: Plan.objects.filter(max_authorized_contacts=n).order_by("pk"), int)
    assert [p.pk for p in read(7)] == [plan.pk]
    assert read(8) == []


def test_only_leaves_the_other_fields_deferred(django_assert_num_queries):
    ticket = open_ticket(subject="Printer on fire")
    read = Prepared(lambda pk: Ticket.objects.filter(pk=pk).only("subject"), int)
    with django_assert_num_queries(1):
        (got,) = read(ticket.pk)
        assert got.subject == "Printer on fire"
    assert "status" in got.get_deferred_fields() and "subject" not in got.get_deferred_fields()
    with django_assert_num_queries(1):
        assert got.status == ticket.status  # read on demand, as Django does


def test_annotations_prefetch_and_values_lists(django_assert_num_queries):
    ticket = open_ticket()
    TicketTag.objects.create(ticket=ticket, name="vip")
    TicketTag.objects.create(ticket=ticket, name="billing")
    counted = Prepared(
        lambda pk: Ticket.objects.filter(pk=pk).annotate(n=Count("messages"), twice=F("pk") * 2),
        int,
    )
    (annotated,) = counted(ticket.pk)
    assert (annotated.n, annotated.twice) == (1, 2 * ticket.pk)
    tags = Prepared(
        lambda pk: TicketTag.objects.filter(ticket_id=pk).values_list("name", flat=True), int
    )
    assert tags(ticket.pk) == ["billing", "vip"]
    pairs = Prepared(
        lambda pk: TicketTag.objects.filter(ticket_id=pk).values_list("name", "ticket_id"), int
    )
    assert pairs(ticket.pk) == [("billing", ticket.pk), ("vip", ticket.pk)]
    with_messages = Prepared(
        lambda pk: Ticket.objects.filter(pk=pk).prefetch_related("messages"), int
    )
    with django_assert_num_queries(2):
        (got,) = with_messages(ticket.pk)
        assert [m.body for m in got.messages.all()] == ["I get an error when exporting."]


def test_datetime_and_text_arguments():
    old, new = open_ticket(subject="Old"), open_ticket(subject="New")
    Ticket.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    read = Prepared(
        lambda since, subject: Ticket.objects.filter(
            created_at__gte=since, subject=subject
        ).order_by("pk"),
        datetime,
        str,
    )
    week_ago = timezone.now() - timedelta(days=7)
    assert [t.pk for t in read(week_ago, "New")] == [new.pk]
    assert read(week_ago, "Old") == []
    assert [t.pk for t in read(week_ago - timedelta(days=60), "Old")] == [old.pk]


def test_a_read_whose_shape_follows_an_argument_is_refused():
    ticket = open_ticket()
    sliced = Prepared(lambda n: Ticket.objects.all()[:n], int)
    with pytest.raises(ValueError):  # a slice is SQL's text, not a parameter
        sliced(1)
    ignored = Prepared(lambda pk: Ticket.objects.all(), int)
    with pytest.raises(ValueError, match="not a parameter"):
        ignored(ticket.pk)
    transformed = Prepared(lambda text: Ticket.objects.filter(subject__icontains=text), str)
    with pytest.raises(ValueError, match="transformed"):
        transformed("export")
    as_dicts = Prepared(lambda pk: Ticket.objects.filter(pk=pk).values("pk"), int)
    with pytest.raises(ValueError, match="values_list"):
        as_dicts(ticket.pk)
    with pytest.raises(TypeError):
        Prepared(lambda flag: Ticket.objects.filter(in_queue=flag), bool)
    with pytest.raises(TypeError, match="1 arguments expected"):
        MESSAGES()


def test_a_date_lookup_follows_the_current_time_zone():
    ticket = open_ticket()
    late = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=late)
    read = Prepared(lambda pk: Ticket.objects.filter(pk=pk, created_at__date=date(2026, 3, 1)), int)
    with timezone.override("UTC"):
        assert [t.pk for t in read(ticket.pk)] == [ticket.pk]
    with timezone.override("Asia/Tokyo"):  # already 2 March there
        assert read(ticket.pk) == []
    with timezone.override("UTC"):
        assert [t.pk for t in read(ticket.pk)] == [ticket.pk]

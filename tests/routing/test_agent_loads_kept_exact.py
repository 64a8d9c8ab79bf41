"""Agents' loads are counted by database triggers; whatever happens to tickets, the kept
counts equal the sum recomputed from the tickets (counts that drift are worse than slow)."""

from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterdesk.accounts.models import Role, User
from charterdesk.core.vocabulary import Priority
from charterdesk.routing import load_counter
from charterdesk.routing.assignment import loads_of, weighted
from charterdesk.routing.models import AgentLoad
from charterdesk.tickets.models import Status, Ticket
from tests.tickets.factories import open_ticket

AGENTS = 3
agent_index = st.none() | st.integers(0, AGENTS - 1)
statuses = st.sampled_from(list(Status.values))
priorities = st.sampled_from(list(Priority.values))
ticket_index = st.integers(0, 10_000)

operations = st.one_of(
    st.tuples(st.just("create"), agent_index, statuses, priorities),
    st.tuples(st.just("bulk_create"), st.integers(1, 4), agent_index, statuses, priorities),
    st.tuples(st.just("save_assignee"), ticket_index, agent_index),
    st.tuples(st.just("save_status"), ticket_index, statuses),
    st.tuples(st.just("save_priority"), ticket_index, priorities),
    st.tuples(st.just("save_unchanged"), ticket_index),
    st.tuples(st.just("update"), ticket_index, agent_index, statuses, priorities),
    st.tuples(st.just("hand_over_all"), agent_index, agent_index),
    st.tuples(st.just("solve_all_of"), agent_index),
    st.tuples(st.just("delete"), ticket_index),
)


class Desk:
    """A few agents and tickets copied from one opened through intake."""

    def __init__(self) -> None:
        base = open_ticket()
        self.fields = {
            f.attname: getattr(base, f.attname)
            for f in Ticket._meta.concrete_fields
            if not f.primary_key and not f.generated
        }
        self.agents = [
            User.objects.create_user(f"load{i}@charterdesk.example", "x", role=Role.AGENT)
            for i in range(AGENTS)
        ]

    def who(self, index: int | None) -> int | None:
        return None if index is None else self.agents[index].pk

    def ticket(self, index: int) -> Ticket | None:
        pks = list(Ticket.objects.order_by("pk").values_list("pk", flat=True))
        return Ticket.objects.get(pk=pks[index % len(pks)]) if pks else None

    def new(self, agent: int | None, status: str, priority: str) -> Ticket:
        return Ticket(
            **{
                **self.fields,
                "assignee_id": self.who(agent),
                "status": status,
                "priority": priority,
            }
        )

    def apply(self, op: tuple) -> None:  # noqa: C901  # one branch per operation
        kind, *args = op
        if kind == "create":
            self.new(*args).save()
        elif kind == "bulk_create":
            n, *rest = args
            Ticket.objects.bulk_create(self.new(*rest) for _ in range(n))
        elif kind == "hand_over_all":
            Ticket.objects.filter(assignee_id=self.who(args[0])).update(
                assignee_id=self.who(args[1])
            )
        elif kind == "solve_all_of":
            Ticket.objects.filter(assignee_id=self.who(args[0])).update(status=Status.SOLVED)
        elif (ticket := self.ticket(args[0])) is not None:
            self.change(ticket, kind, args[1:])

    def change(self, ticket: Ticket, kind: str, args: list) -> None:
        if kind == "save_assignee":
            ticket.assignee_id = self.who(args[0])
        elif kind == "save_status":
            ticket.status = args[0]
        elif kind == "save_priority":
            ticket.priority = args[0]
        elif kind == "update":
            Ticket.objects.filter(pk=ticket.pk).update(
                assignee_id=self.who(args[0]), status=args[1], priority=args[2]
            )
            return
        elif kind == "delete":  # Django refuses to delete tickets; the triggers see SQL
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM tickets_ticket WHERE id = %s", [ticket.pk])
            return
        ticket.save()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(operations, min_size=1, max_size=12))
def test_kept_loads_equal_the_recomputed_sum_after_any_ticket_changes(personas, steps):
    with transaction.atomic():  # each example starts from the same tickets
        desk = Desk()
        for step in steps:
            desk.apply(step)
        assert load_counter.check() == {}
        ids = [a.pk for a in desk.agents]
        true = {u: weighted(c) for u, c in load_counter.recomputed(ids).items() if any(c)}
        assert {u: w for u, w in loads_of(ids).items() if w} == true
        transaction.set_rollback(True)


def test_an_assigned_open_ticket_counts_for_its_agent_by_priority(personas):
    desk = Desk()
    desk.new(0, Status.OPEN, Priority.URGENT).save()
    desk.new(0, Status.PENDING, Priority.LOW).save()
    desk.new(0, Status.SOLVED, Priority.HIGH).save()
    kept = AgentLoad.objects.get(user=desk.agents[0])
    assert (kept.urgent, kept.high, kept.normal, kept.low) == (1, 0, 0, 1)
    assert loads_of([desk.agents[0].pk]) == {desk.agents[0].pk: 4.5}


def test_deleting_an_agent_with_open_tickets_leaves_no_load_behind(personas):
    desk = Desk()
    leaving = desk.agents[0]
    desk.new(0, Status.OPEN, Priority.HIGH).save()
    leaving.delete()
    assert not AgentLoad.objects.filter(user_id=leaving.pk).exists()
    assert load_counter.check() == {}

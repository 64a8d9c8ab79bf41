from charterdesk.statements.calendar_months import Month
from charterdesk.statements.usage import usage_statement

from .factories import answer, promise, ticket, time_entry

STATEMENT_QUERIES = 7  # bank, time, tickets, requesters' names, SLA, promises, satisfaction


def _more_of_everything(july, personas, n):
    for i in range(n):
        t = ticket(july.acme, "wile@acme.example", july.now.replace(day=1 + i % 20))
        time_entry(t, personas.tier2, 10 + i, t.created_at, draws_on_bank=i % 2 == 0)
        promise(t, personas.tier1, t.created_at)
        answer(t, 1 + i % 5, t.created_at)


def test_the_statement_takes_the_same_few_queries_whatever_the_data(
    july, personas, django_assert_num_queries
):
    with django_assert_num_queries(STATEMENT_QUERIES):
        small = usage_statement(july.acme, Month(2026, 7), july.now)
    _more_of_everything(july, personas, 30)
    with django_assert_num_queries(STATEMENT_QUERIES):
        large = usage_statement(july.acme, Month(2026, 7), july.now)
    assert large.tickets == small.tickets + 30

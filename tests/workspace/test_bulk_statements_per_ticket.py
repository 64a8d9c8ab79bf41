"""A bulk action's statements: clocks, clock events, history lines and tags are read and
written per chunk of tickets, so their count does not grow with the tickets; what is still
written per ticket (its reply, its outbox row, its row) stays a small fixed number."""

import re
from collections import Counter
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.workspace.bulk import tickets_bulk_update
from charterdesk.workspace.services import MacroInput, macro_create
from tests.tickets.factories import open_ticket

BATCHED_TABLES = (
    "sla_slaclock",
    "sla_slaevent",
    "tickets_ticketevent",
    "tickets_tickettag",
    "plans_responsetarget",
    "plans_plancoverage",
    "sla_calendar",
    "workspace_macro",
    "mail_outboundmail",
    "mail_mailreference",
)
# Per ticket today (five): the reply, its words for "did you mean", the ticket row (saved
# once for the reply and the change), and the ticket's savepoint (begin and release). The
# followers and the mail thread are read, the outbox rows and references written, per chunk.
PER_TICKET_AT_MOST = 5


def statements(agent: Any, count: int, macro: Any) -> Counter[str]:
    tickets = [open_ticket() for _ in range(count)]
    with CaptureQueriesContext(connection) as captured:
        result = tickets_bulk_update(
            agent, [t.pk for t in tickets], {"priority": "high"}, macro=macro
        )
    assert all(outcome.ok for outcome in result.outcomes)
    tables: Counter[str] = Counter()
    for query in captured.captured_queries:
        match = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', query["sql"])
        tables[match.group(1) if match else query["sql"].split()[0]] += 1
    return tables


def test_clocks_history_and_tags_cost_the_same_for_3_or_12_tickets(personas: Any) -> None:
    macro = macro_create(
        personas.tier1,
        MacroInput(title="Fixed", body="Fixed in 4.2 (#{{ ticket.id }}).",
                   changes={"status": "pending", "add_tags": ["fix-4-2"]}),
    )  # fmt: skip
    few, many = statements(personas.tier1, 3, macro), statements(personas.tier1, 12, macro)
    for table in BATCHED_TABLES:
        assert many[table] == few[table], table
    grown = sum(many.values()) - sum(few.values())
    assert grown <= PER_TICKET_AT_MOST * 9, (few, many)
    assert many["tickets_ticketfollower"] == few["tickets_ticketfollower"] == 1  # per chunk
    assert many["mail_mailreference"] == few["mail_mailreference"] == 2  # read, written
    assert many["tickets_ticket"] - few["tickets_ticket"] == 9  # one UPDATE a ticket


def test_a_tickets_one_update_writes_only_the_columns_that_changed(personas: Any) -> None:
    macro = macro_create(
        personas.tier1,
        MacroInput(title="Pending", body="On it (#{{ ticket.id }}).",
                   changes={"status": "pending"}),
    )  # fmt: skip
    ticket = open_ticket()
    with CaptureQueriesContext(connection) as captured:
        result = tickets_bulk_update(personas.tier1, [ticket.pk], {"priority": "high"}, macro=macro)
    assert result.outcomes[0].ok
    updates = [q["sql"] for q in captured.captured_queries if 'UPDATE "tickets_ticket"' in q["sql"]]
    assert len(updates) == 1
    written = set(re.findall(r'"(\w+)" = ', updates[0].split(" WHERE ")[0]))
    assert {"status", "priority", "updated_at"} <= written
    assert not written & {"subject", "requester_id", "organization_id", "coverage_reason"}
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("pending", "high")

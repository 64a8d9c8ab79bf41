"""A bulk action with a macro on 1,000 tickets: the time of the whole action (reply, status,
tag, history, clocks, mail queued, commit), then a check of every ticket's history. The
CPU time of this process is printed too: on a loaded machine it moves less than the wall
time (on SQLite it is all the work; on PostgreSQL the server's share is not in it).

    python bench/bulk_macro.py --db sqlite
    python bench/bulk_macro.py --db postgres --tickets 1000 --runs 3

The target (issue #16): under 5 s for 1,000 tickets, every ticket's history correct.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.db import transaction

        from charterdesk.accounts.models import User
        from charterdesk.customers.models import Contact
        from charterdesk.intake.services import ticket_create
        from charterdesk.tickets.models import EventKind, Message, TicketEvent
        from charterdesk.workspace.bulk import tickets_bulk_update
        from charterdesk.workspace.models import MacroVisibility
        from charterdesk.workspace.services import MacroInput, macro_create

        agent = User.objects.get(email="tier1@charterdesk.example")
        requester = Contact.objects.select_related("user", "organization").get(
            email="alice@acme.example"
        )
        macro = macro_create(
            agent,
            MacroInput(
                title="Bench: fix released",
                body="Hi {{ requester.first_name }}, ticket {{ ticket.id }} is fixed in 4.2.",
                visibility=MacroVisibility.PERSONAL,
                changes={"status": "pending", "add_tags": ["fix-4-2"]},
            ),
        )
        for run in range(args.runs):
            start = time.perf_counter()
            ids = []
            for n in range(args.tickets):
                with transaction.atomic():
                    ticket = ticket_create(
                        requester=requester,
                        actor=requester.user,
                        subject=f"Sync stalls after upgrade ({run}-{n})",
                        body="The nightly sync stops half way since the upgrade.",
                        request_type="error",
                        priority="normal",
                    )
                ids.append(ticket.pk)
            setup = time.perf_counter() - start
            start, cpu = time.perf_counter(), time.process_time()
            with transaction.atomic(durable=True):
                result = tickets_bulk_update(agent, ids, {"priority": "high"}, macro=macro)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            ok = sum(1 for o in result.outcomes if o.ok)
            events = TicketEvent.objects.filter(ticket_id__in=ids)
            checks = {
                "replies": Message.objects.filter(ticket_id__in=ids, from_staff=True).count(),
                "macro lines": events.filter(kind=EventKind.MACRO).count(),
                "bulk lines": events.filter(kind=EventKind.BULK).count(),
                "status lines": events.filter(field="status", new_value="pending").count(),
                "priority lines": events.filter(field="priority", new_value="high").count(),
                "tag lines": events.filter(field="tags").count(),
            }
            correct = ok == len(ids) and all(v == len(ids) for v in checks.values())
            print(
                f"{args.db} run {run + 1}: {len(ids)} tickets with a macro in {seconds:.2f} s "
                f"({seconds / len(ids) * 1000:.2f} ms a ticket; this process's CPU {cpu:.2f} s; "
                f"{ok} ok); history "
                f"{'correct' if correct else 'WRONG'}: {checks} (setup {setup:.0f} s)"
            )


if __name__ == "__main__":
    main()

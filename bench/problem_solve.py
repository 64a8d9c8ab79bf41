"""Solving a problem ticket with many incident tickets in one step: the time of the whole
action (a reply and the solved status on each incident, history, clocks, mail queued,
commit), then a check of every incident's history.

    python bench/problem_solve.py --db sqlite --incidents 200
    python bench/problem_solve.py --db postgres --incidents 200
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
    parser.add_argument("--incidents", type=int, default=200)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.db import transaction

        from charterdesk.accounts.models import User
        from charterdesk.customers.models import Contact
        from charterdesk.intake.services import ticket_create
        from charterdesk.mail.models import OutboundMail
        from charterdesk.tickets.models import CustomField, TicketEvent
        from charterdesk.tickets.services import ticket_set_fields
        from charterdesk.workspace.links import link_add
        from charterdesk.workspace.models import LinkKind
        from charterdesk.workspace.problems import problem_solve, ticket_mark_problem

        agent = User.objects.get(email="tier2@charterdesk.example")
        requester = Contact.objects.select_related("user", "organization").get(
            email="alice@acme.example"
        )

        def opened(subject: str):  # type: ignore[no-untyped-def]
            return ticket_create(
                requester=requester,
                actor=requester.user,
                subject=subject,
                body="Nobody can sign in with SSO since the certificate rotation.",
                request_type="error",
                priority="high",
            )

        start = time.perf_counter()
        with transaction.atomic():
            problem = opened("SSO fails after the certificate rotation")
            ticket_mark_problem(problem, agent)
            if CustomField.objects.filter(key="root_cause").exists():  # the demo's
                ticket_set_fields(problem, agent, {"root_cause": "Product defect"})
            ids = []
            for n in range(args.incidents):
                incident = opened(f"Cannot sign in ({n})")
                link_add(incident, problem, LinkKind.INCIDENT_OF, agent)
                ids.append(incident.pk)
        setup = time.perf_counter() - start
        start = time.perf_counter()
        with transaction.atomic(durable=True):
            solved = problem_solve(problem, agent, "Hi {{ requester.first_name }}, fixed.")
        seconds = time.perf_counter() - start
        events = TicketEvent.objects.filter(ticket_id__in=ids)
        checks = {
            "solved lines": events.filter(field="status", new_value="solved").count(),
            "problem lines": events.filter(field="problem").count(),
            "mails": OutboundMail.objects.filter(ticket_id__in=ids).count(),
        }
        correct = len(solved.solved) == len(ids) and all(v >= len(ids) for v in checks.values())
        print(
            f"{args.db}: problem solved with {len(ids)} incidents in {seconds:.2f} s "
            f"({seconds / len(ids) * 1000:.1f} ms an incident); history "
            f"{'correct' if correct else 'WRONG'}: {checks} (setup {setup:.0f} s)"
        )


if __name__ == "__main__":
    main()

"""Part 4 of bench/triage_quality.py: the same data through the product.

A fresh CharterDesk (demo data, SQLite) gets one category per intent ("Banking › <intent>");
fold 0's learning tickets are taken in through intake, categorized as imported and solved;
a model is trained from them by the same services as `charterdesk triage train`; fold 0's
held-out questions are then sent to `POST /api/v1/triage` as the agent tier1. Also: the
cost of taking a new request in with triage on (suggest + apply after commit) against the
same with the triage hook's handler removed, in the same run (triage itself then runs in
the background worker: its cost is measured apart, the task run inline)."""

import os
import statistics
import time

from server import prepared

FOLDS = 5


def through_api(by_label: dict[str, list[str]], limit: int) -> None:
    with prepared("sqlite") as env:
        os.environ.update(env)
        import django

        django.setup()
        _run(by_label, limit)


def _history(by_label, categories):  # type: ignore[no-untyped-def]
    from django.db import transaction

    from charterdesk.customers.models import Contact
    from charterdesk.intake.services import ticket_create
    from charterdesk.tickets.models import CategorySource, Status
    from charterdesk.tickets.services import ticket_categorize

    alice = Contact.objects.get(email="alice@acme.example")
    held = []
    start = time.perf_counter()
    for label, texts in sorted(by_label.items()):
        for i, text in enumerate(texts):
            if i % FOLDS == 0:
                held.append((text, label))
                continue
            with transaction.atomic():
                ticket = ticket_create(requester=alice, subject=text[:250], body=text)
                ticket_categorize(ticket, categories[label], by=None, source=CategorySource.IMPORT)
                ticket.status = Status.SOLVED
                ticket.save(update_fields=["status"])
    print(
        f"  history: {sum(map(len, by_label.values())) - len(held)} solved tickets taken in"
        f" in {time.perf_counter() - start:.1f} s"
    )
    return held


def _run(by_label: dict[str, list[str]], limit: int) -> None:
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from charterdesk.accounts.models import ApiToken, Scope, User
    from charterdesk.tickets.services import category_create
    from charterdesk.triage.categories import training_tickets
    from charterdesk.triage.services import triage_run_complete, triage_run_start

    manager = User.objects.get(email="manager@charterdesk.example")
    with transaction.atomic():
        top = category_create(actor=manager, name="Banking")
        categories = {
            label: category_create(actor=manager, name=label.replace("_", " ")[:80], parent=top)
            for label in sorted(by_label)
        }
    held = _history(by_label, categories)
    ours = {str(c.pk) for c in categories.values()}  # not the demo's own categories
    tickets = [t for t in training_tickets() if t.category in ours]
    start = time.perf_counter()
    with transaction.atomic():
        run = triage_run_start(requested_by=manager, reason="bench", at=timezone.now())
    with transaction.atomic():
        run = triage_run_complete(run, tickets=tickets, at=timezone.now())
    print(
        f"  model v{run.version}: {run.training_size} tickets"
        f" in {time.perf_counter() - start:.1f} s,"
        f" own held-out accuracy {run.heldout_accuracy:.3f}, threshold {run.threshold:.3f}"
    )
    _, token = ApiToken.issue(
        User.objects.get(email="tier1@charterdesk.example"), scopes=[Scope.READ, Scope.WRITE]
    )
    client = Client(headers={"Authorization": f"Bearer {token}"})
    names = {label: c.path for label, c in categories.items()}
    right = applied = applied_right = 0
    times = []
    sample = held[:limit]
    for text, label in sample:
        begin = time.perf_counter()
        response = client.post(
            "/api/v1/triage", {"subject": text[:250], "body": text}, content_type="application/json"
        )
        times.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, response.content
        data = response.json()
        hit = data["category"]["name"] == names[label]
        right += hit
        if not data["abstained"]:
            applied += 1
            applied_right += hit
    times.sort()
    direct_cpu = [_direct_ms(text) for text, _ in sample]
    direct = sorted(wall for wall, _ in direct_cpu)
    cpu = sorted(used for _, used in direct_cpu)
    print(
        f"  POST /api/v1/triage on {len(sample)} held-out questions:"
        f" top-1 {right / len(sample):.3f};"
        f" applied {applied / len(sample):.1%}, right {applied_right / max(applied, 1):.1%};"
        f" p50 {statistics.median(times):.1f} ms p95 {times[int(len(times) * 0.95) - 1]:.1f} ms"
    )
    print(
        "  the same questions straight to runtime.suggest (no HTTP, no token check):"
        f" p50 {statistics.median(direct):.1f} ms p95 {direct[int(len(direct) * 0.95) - 1]:.1f} ms"
        f" (CPU time p50 {statistics.median(cpu):.1f} ms"
        f" p95 {cpu[int(len(cpu) * 0.95) - 1]:.1f} ms:"
        " the rest is waiting for a core on the shared machine)"
    )
    _creation_cost()


def _direct_ms(text: str) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one suggestion."""
    from charterdesk.triage import runtime

    begin, cpu = time.perf_counter(), time.process_time()
    runtime.suggest(text[:250], text)
    return (time.perf_counter() - begin) * 1000, (time.process_time() - cpu) * 1000


def _creation_cost(runs: int = 60) -> None:
    from django.db import transaction

    from charterdesk.customers.models import Contact
    from charterdesk.intake.hooks import ticket_created
    from charterdesk.intake.services import ticket_create

    alice = Contact.objects.get(email="alice@acme.example")

    def one() -> float:
        begin = time.perf_counter()
        with transaction.atomic():
            ticket_create(
                requester=alice, subject="My card has not arrived", body="Ordered two weeks ago."
            )
        return (time.perf_counter() - begin) * 1000

    handlers = list(ticket_created._handlers)
    with_triage = statistics.median([one() for _ in range(runs)])
    ticket_created._handlers.clear()
    without = statistics.median([one() for _ in range(runs)])
    ticket_created._handlers.extend(handlers)
    print(
        f"  taking a request in (intake + commit), median of {runs}: {with_triage:.1f} ms with"
        f" triage enqueued, {without:.1f} ms without ({with_triage / without:.2f}x)"
    )
    from charterdesk.tickets.models import Ticket
    from charterdesk.triage.apply import triage_new_ticket

    ids = list(
        Ticket.objects.filter(triage_suggestion__isnull=True, category__isnull=True)
        .order_by("-pk")
        .values_list("pk", flat=True)[:runs]
    )
    cost = []
    for pk in ids:
        begin = time.perf_counter()
        triage_new_ticket(pk)
        cost.append((time.perf_counter() - begin) * 1000)
    print(
        f"  the triage task itself (suggest, record, apply with history), median of {len(ids)}:"
        f" {statistics.median(cost):.1f} ms"
    )

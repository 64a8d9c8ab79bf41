"""Part 4 of bench/triage_quality.py: the same data through the product.

A fresh CharterDesk (demo data, SQLite). The train file is taken in as the desk's history
by the ticket importer (the code of `charterdesk import tickets`): one solved ticket per
question, category "Banking › <intent>", created one minute apart in the file's order. A
model is trained from them by the services of `charterdesk triage train`; then the test
questions are sent to `POST /api/v1/triage` as the agent tier1, one request each."""

import csv
import io
import os
import statistics
import time
from datetime import UTC, datetime, timedelta

from server import prepared

TOP = "Banking"


def through_api(train: list[tuple[str, str]], test: list[tuple[str, str]], limit: int) -> None:
    with prepared("sqlite") as env:
        os.environ.update(env)
        import django

        django.setup()
        _run(train, test[:limit])


def _history_csv(train: list[tuple[str, str]]) -> list[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["external_id", "subject", "body", "category", "status", "created_at", "requester_email"]
    )
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for i, (text, label) in enumerate(train):
        when = (start + timedelta(minutes=i)).isoformat()
        writer.writerow(
            [f"b77-{i}", text, text, f"{TOP} › {label}", "solved", when, "alice@acme.example"]
        )
    return out.getvalue().splitlines()


def _run(train: list[tuple[str, str]], test: list[tuple[str, str]]) -> None:
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from charterdesk.accounts.models import ApiToken, Scope, User
    from charterdesk.insights.importer.load import tickets_import
    from charterdesk.insights.importer.rows import read_rows
    from charterdesk.tickets.models import Category
    from charterdesk.triage.categories import training_tickets
    from charterdesk.triage.services import triage_run_complete, triage_run_start

    start = time.perf_counter()
    summary = tickets_import(
        read_rows(_history_csv(train)), source="bench", atomic=transaction.atomic
    )
    print(
        f"  history: {summary.imported} of {summary.read} rows imported, {len(summary.bad)} bad,"
        f" {len(summary.categories)} categories created, in {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    ours = {
        str(pk)
        for pk in Category.objects.filter(path__startswith=f"{TOP} ›").values_list("pk", flat=True)
    }
    tickets = [t for t in training_tickets() if t.category in ours]
    manager = User.objects.get(email="manager@charterdesk.example")
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        run = triage_run_start(requested_by=manager, reason="bench", at=timezone.now())
    with transaction.atomic():
        run = triage_run_complete(run, tickets=tickets, at=timezone.now())
    print(
        f"  model v{run.version}: {run.training_size} tickets in"
        f" {time.perf_counter() - start:.1f} s wall ({time.process_time() - cpu:.1f} s CPU),"
        f" own held-out accuracy {run.heldout_accuracy:.3f}, threshold {run.threshold:.3f}",
        flush=True,
    )
    _, token = ApiToken.issue(
        User.objects.get(email="tier1@charterdesk.example"), scopes=[Scope.READ, Scope.WRITE]
    )
    client = Client(headers={"Authorization": f"Bearer {token}"})
    right = applied = applied_right = 0
    times, cpus = [], []
    for text, label in test:
        begin, cpu = time.perf_counter(), time.process_time()
        response = client.post(
            "/api/v1/triage", {"subject": text[:250], "body": text}, content_type="application/json"
        )
        times.append((time.perf_counter() - begin) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, response.content
        data = response.json()
        hit = data["category"]["name"] == f"{TOP} › {label}"
        right += hit
        if not data["abstained"]:
            applied += 1
            applied_right += hit
    times.sort()
    cpus.sort()
    n = len(test)
    print(
        f"  POST /api/v1/triage on {n} test questions: top-1 {right / n:.4f};"
        f" applied {applied / n:.1%}, right {applied_right / max(applied, 1):.1%};"
        f" wall p50 {statistics.median(times):.1f} ms p95 {times[int(n * 0.95) - 1]:.1f} ms;"
        f" CPU p50 {statistics.median(cpus):.1f} ms p95 {cpus[int(n * 0.95) - 1]:.1f} ms"
    )

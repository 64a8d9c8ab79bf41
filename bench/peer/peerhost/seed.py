"""Seed the peer (django-helpdesk) with N tickets, two follow-ups each, and a staff user.

    PEER_DATA=... python seed.py --tickets 10000

Run with the peer's virtualenv from this folder. The proportions follow CharterDesk's own
seeder (charterdesk.demo.seed): four queues weighted like the request types, priorities
3/17/60/20 %, ages exponential around 120 days, most old tickets resolved or closed; one
ticket in a hundred (id % 100 == 7) mentions "kerberos", like the tickets of ours.
Prints one JSON line: a signed-in staff session, a ticket to open and a queue to create in.
"""

import argparse
import json
import os
import random
import sys
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhost.settings")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402

BATCH = 5_000
WORDS = [
    *[
        "export",
        "invoice",
        "login",
        "webhook",
        "dashboard",
        "report",
        "api",
        "token",
        "checkout",
        "sync",
        "import",
    ],
    *[
        "permissions",
        "billing",
        "search",
        "upload",
        "email",
        "notification",
        "timeout",
        "certificate",
    ],
]
QUEUES = (["Downtime", "Error", "How-to", "Consulting"], [5, 40, 45, 10])
PRIORITIES = ([1, 2, 3, 4], [3, 17, 60, 20])  # critical, high, normal, low
OPEN, REOPENED, RESOLVED, CLOSED = 1, 2, 3, 4


def staff_user():  # type: ignore[no-untyped-def]
    user, made = get_user_model().objects.get_or_create(
        username="agent", defaults={"email": "agent@peer.example", "is_staff": True}
    )
    if made:
        user.set_password("bench-password-1")
        user.is_superuser = True
        user.save()
    return user


def queues() -> list[Queue]:
    made = []
    for title in QUEUES[0]:
        queue, _ = Queue.objects.get_or_create(
            slug=title.lower().replace("-", ""),
            defaults={"title": title, "email_address": "queue@peer.example"},
        )
        made.append(queue)
    return made


def lifecycle(age_days: float, rng: random.Random) -> int:
    if age_days > 14 or (age_days > 2 and rng.random() < 0.6):
        return CLOSED if age_days > 10 else RESOLVED
    return OPEN if rng.random() < 0.9 else REOPENED


def batch(first: int, size: int, agent, queue_list, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    tickets, follow_ups = [], []
    for pk in range(first, first + size):
        created = now - timedelta(
            days=min(rng.expovariate(1 / 120), 720), seconds=rng.randint(0, 86_399)
        )
        status = lifecycle((now - created).total_seconds() / 86_400, rng)
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} issue"
        if pk % 100 == 7:
            title += " kerberos"
        ticket = Ticket(
            id=pk,
            title=title,
            queue=rng.choices(queue_list, QUEUES[1])[0],
            created=created,
            modified=created,
            submitter_email=f"user{rng.randint(1, 5000)}@seed{rng.randint(1, 100)}.example",
            assigned_to=agent if rng.random() < 0.7 else None,
            status=status,
            description="Seeded request text.",
            priority=rng.choices(*PRIORITIES)[0],
        )
        ticket.created_at = created  # type: ignore[attr-defined]
        tickets.append(ticket)
        replied = min(now, created + timedelta(minutes=rng.randint(5, 600)))
        follow_ups.append(
            FollowUp(
                ticket_id=pk,
                date=replied,
                title="Comment",
                comment="Seeded reply text.",
                public=True,
                user=agent,
            )
        )
        follow_ups.append(
            FollowUp(
                ticket_id=pk,
                date=min(now, replied + timedelta(minutes=rng.randint(10, 1440))),
                title="E-Mail Received",
                comment="Seeded reply text.",
                public=True,
                new_status=status if status in (RESOLVED, CLOSED) else None,
            )
        )
    with transaction.atomic():
        Ticket.objects.bulk_create(tickets)
        FollowUp.objects.bulk_create(follow_ups)
        with connection.cursor() as cursor:  # `created` is auto_now_add: set the real ages
            cursor.executemany(
                "UPDATE helpdesk_ticket SET created = %s, modified = %s WHERE id = %s",
                [(naive(t.created_at), naive(t.created_at), t.pk) for t in tickets],
            )


def naive(when):  # type: ignore[no-untyped-def]
    """How Django stores an aware time in SQLite: naive UTC text."""
    return when.replace(tzinfo=None).isoformat(" ")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, required=True, help="total tickets wanted")
    args = parser.parse_args()
    rng = random.Random(1)  # noqa: S311 - synthetic data
    agent = staff_user()
    queue_list = queues()
    first = (Ticket.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    while first <= args.tickets:
        size = min(BATCH, args.tickets - first + 1)
        batch(first, size, agent, queue_list, rng)
        first += size
    session = SessionStore()
    session["_auth_user_id"] = str(agent.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = agent.get_session_auth_hash()
    session.create()
    ticket = (
        Ticket.objects.filter(status=OPEN)
        .order_by("id")
        .values_list("id", flat=True)[args.tickets // 200]
    )
    print(json.dumps({"session": session.session_key, "ticket": ticket, "queue": queue_list[1].pk}))


if __name__ == "__main__":
    main()

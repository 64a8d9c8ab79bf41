"""Shared by the configuration API tests: JSON requests and a draft plan to start from."""

import json
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import Client


def send(client: Client, method: str, url: str, data: Any = None) -> Any:
    body = json.dumps(data) if data is not None else ""
    return getattr(client, method)(url, body, content_type="application/json")


def draft_plan(**changes: Any) -> dict[str, Any]:
    plan = {
        "name": "Platinum",
        "calendar": "London business hours",
        "channels": ["portal", "email"],
        "hours_included": "20",
        "coverage": [
            {"request_type": "downtime", "decision": "included", "schedule": "24x7"},
            {"request_type": "how_to", "decision": "metered"},
        ],
        "targets": [
            {
                "request_type": "downtime",
                "priority": "urgent",
                "metric": "first_reply",
                "minutes": 15,
            }
        ],
    }
    plan.update(changes)
    return plan


def empty_database() -> None:
    """Flush every table inside the test's transaction. On PostgreSQL the checks of the
    rows the test wrote are deferred to the commit; they run now, or TRUNCATE refuses."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)

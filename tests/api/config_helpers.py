"""Shared by the configuration API tests: JSON requests and a draft plan to start from."""

import json
from typing import Any

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

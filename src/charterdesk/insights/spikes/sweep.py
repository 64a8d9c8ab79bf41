"""The periodic spike detection (called by the `detect-ticket-spikes` job)."""

from datetime import datetime

from django.db import transaction

from .detect import Detection, spikes_detect


def sweep(now: datetime) -> Detection:
    with transaction.atomic(durable=True):
        return spikes_detect(now)

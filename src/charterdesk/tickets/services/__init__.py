"""Writes on tickets. Callers own the transaction; side effects run on commit."""

from .changes import ticket_update
from .intake import intake_prepare, intake_record, intake_record_with_message, ticket_create
from .messages import message_add

__all__ = [
    "intake_prepare",
    "intake_record",
    "intake_record_with_message",
    "message_add",
    "ticket_create",
    "ticket_update",
]

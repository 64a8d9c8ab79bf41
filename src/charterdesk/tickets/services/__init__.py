"""Writes on tickets. Callers own the transaction; side effects run on commit."""

from .changes import ticket_update
from .intake import ticket_create
from .messages import message_add

__all__ = ["message_add", "ticket_create", "ticket_update"]

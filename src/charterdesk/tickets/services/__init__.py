"""Writes on tickets. Callers own the transaction; side effects run on commit.

Taking a new request in (coverage, clocks, routing) is the intake app's `ticket_create`."""

from .anonymize import ticket_anonymize
from .categories import category_create, category_update, ticket_categorize
from .causes import ticket_record_cause
from .changes import ticket_update
from .customer import reopen_until, ticket_reopen_by_customer, ticket_solve_by_customer
from .fields import ticket_change_tags, ticket_set_fields, ticket_set_tags
from .followers import follower_add, follower_remove, followers_of
from .messages import message_add

__all__ = [
    "category_create",
    "category_update",
    "ticket_categorize",
    "ticket_record_cause",
    "follower_add",
    "follower_remove",
    "followers_of",
    "ticket_anonymize",
    "message_add",
    "reopen_until",
    "ticket_reopen_by_customer",
    "ticket_solve_by_customer",
    "ticket_update",
    "ticket_change_tags",
    "ticket_set_fields",
    "ticket_set_tags",
]

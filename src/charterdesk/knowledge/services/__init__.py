"""Writes of the knowledge base (see each module)."""

from .activity import feedback_record, flag_raise, link_inserted, search_log, visit_record
from .articles import (
    article_archive,
    article_change,
    article_create,
    article_products_set,
    article_publish,
    article_restore,
    article_save,
    article_send_back,
    article_submit,
)
from .deflection import (
    attempt_ticket_sent,
    attempt_token,
    suggestion_opened,
    suggestion_solved,
    suggestions_shown,
)
from .flags import flag_resolve, may_resolve
from .from_ticket import article_from_ticket

__all__ = [
    "article_archive",
    "article_change",
    "article_create",
    "article_from_ticket",
    "article_products_set",
    "article_publish",
    "article_restore",
    "article_save",
    "article_send_back",
    "article_submit",
    "attempt_ticket_sent",
    "attempt_token",
    "feedback_record",
    "flag_raise",
    "flag_resolve",
    "link_inserted",
    "may_resolve",
    "search_log",
    "suggestion_opened",
    "suggestion_solved",
    "suggestions_shown",
    "visit_record",
]

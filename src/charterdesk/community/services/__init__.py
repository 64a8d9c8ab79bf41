"""The forum's writes (keyword-only, in the caller's transaction)."""

from .conversions import topic_to_article, topic_to_ticket
from .moderation import member_restrict, post_flag, post_review, topic_merge, topic_move, topic_set
from .notify import follow, unfollow
from .posting import (
    answer_accept,
    post_edit,
    post_files_add,
    post_vote,
    reply_create,
    topic_create,
)
from .rules import member_of

__all__ = [
    "answer_accept",
    "follow",
    "member_of",
    "member_restrict",
    "post_edit",
    "post_files_add",
    "post_flag",
    "post_review",
    "post_vote",
    "reply_create",
    "topic_create",
    "topic_merge",
    "topic_move",
    "topic_set",
    "topic_to_article",
    "topic_to_ticket",
    "unfollow",
]

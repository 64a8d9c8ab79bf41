"""The community's answers in help-center search and in the suggestions while a customer
writes a request (knowledge.elsewhere): topics the reader may read, found through the
same search engine, marked as community content."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from charterdesk.knowledge.elsewhere import Answer, Question
from charterdesk.search import documents

from .indexing import KIND
from .selectors import topics_visible_to

LABEL = "Community"


def find(question: Question) -> list[Answer]:
    """Search: topics matching the query; suggestions: topics with replies most like the
    draft (an unanswered question answers nobody)."""
    visible = topics_visible_to(question.reader)
    if question.similar:
        allowed = visible.filter(reply_count__gt=0).values("pk")
        hits = documents.similar(KIND, text=question.text, allowed=allowed, limit=question.limit)
    else:
        try:
            page = documents.search(
                KIND, q=question.text, allowed=visible.values("pk"), limit=question.limit
            )
        except ValidationError:
            return []  # the article search beside it already says what is wrong
        hits = page.items
    rows = visible.in_bulk([hit.object_id for hit in hits])
    return [
        Answer(
            source="community",
            label=LABEL,
            title=rows[hit.object_id].title,
            url=reverse("community:topic", args=[hit.object_id]),
            snippet=hit.snippet_html,
            answered=rows[hit.object_id].accepted_id is not None,
        )
        for hit in hits
        if hit.object_id in rows
    ]

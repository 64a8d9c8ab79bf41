from typing import Literal

from ninja import Field, Schema

from charterdesk.core.pagination import Cursor, Limit


class SearchFilters(Schema):
    q: str = Field(
        min_length=1,
        max_length=500,
        description='The query language of docs/search.md: words, "phrases", OR, -word, '
        "prefix*, status:open, type:, org:, assignee:me, tier:, requester:, created>DATE, #123.",
    )
    scope: Literal["tickets", "articles", "community"] = Field(
        "tickets",
        description="tickets, articles, or community (forum topics the reader may read).",
    )
    order: Literal["relevance", "date"] = "relevance"
    limit: Limit = 20
    cursor: Cursor | None = None


class SearchItem(Schema):
    kind: Literal["ticket", "article", "topic"] = Field(
        description="ticket, article, or topic (a community forum topic)."
    )
    id: int
    title: str = Field(description="HTML: escaped text with <mark> around the matches.")
    snippet: str = Field(description="HTML: escaped text with <mark> around the matches.")
    url: str = Field(description="The page of this item for the reader.")
    score: float = Field(description="Higher is a better match (0 when ordered by date).")


class SearchPage(Schema):
    items: list[SearchItem]
    next: str | None
    corrected_query: str | None = Field(
        description="Did you mean: a spelling from the index; when the query as sent found "
        "nothing, `items` are this query's results."
    )

"""What an index is made of, for the backends: one content table in the database, its
searchable columns with their weights, and which columns customers may never match.

The content table is an ordinary Django model; each backend adds its own machinery to it
in the migrations (`schema.py`): an FTS5 table kept by triggers on SQLite, stored weighted
`tsvector` columns with GIN indexes on PostgreSQL. Both change in the transaction that
changes the row, so an index is never stale after a commit.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    weight: str  # PostgreSQL's A (highest) to D; SQLite's BM25 weight follows from it
    private: bool = False  # text only agents may match (internal notes)

    @property
    def bm25_weight(self) -> float:
        return {"A": 10.0, "B": 4.0, "C": 1.0, "D": 0.5}[self.weight]


@dataclass(frozen=True)
class IndexSpec:
    table: str  # the content table (a Django model's db_table)
    pk: str  # its primary key: the FTS5 rowid on SQLite
    key: str  # the column holding the id of the indexed object (permissions join on it)
    date: str  # the column of the "newest first" order
    date_type: str  # its PostgreSQL type, for the cursor's value
    columns: tuple[Column, ...]
    title: str  # the column shown, highlighted, as the hit's title
    body: str  # the column a snippet comes from (for agents also the private ones)
    kind: bool = False  # the table holds several kinds of object, told apart by `kind`
    # "Best match" ranks at most this many matches, the newest (None: the backends'
    # RANK_WINDOW); ranking costs per match, so this bounds a common word's cost.
    rank_window: int | None = None
    # PostgreSQL: the narrow table holding the vectors (pk, key, organization_id, vector,
    # public_vector) when they are not in the content table (ticket_match.py).
    matches: str | None = None
    # SQLite: a last column of the FTS5 table holding the row's organization as one token
    # ("o" and its id), never matched by words: a customer's search ANDs it with the words,
    # so FTS5 intersects two doclists instead of testing every match of a common word
    # against the organization's ids (bench/RESULTS.md).
    organization_column: str | None = None

    @property
    def fts(self) -> str:
        """SQLite: the FTS5 table over the content table."""
        return f"{self.table}_fts"

    @property
    def match_table(self) -> str:
        """PostgreSQL: where the vectors are matched and ranked."""
        return self.matches or self.table

    @property
    def public_columns(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if not column.private)

    @property
    def has_private(self) -> bool:
        return len(self.public_columns) < len(self.columns)

    def vector(self, *, private: bool) -> str:
        """PostgreSQL: the stored tsvector column to match (public text only, or all)."""
        return "vector" if private or not self.has_private else "public_vector"

    def snippet_columns(self, *, private: bool) -> tuple[Column, ...]:
        """Where a snippet may come from: the body, and for agents the private text."""
        return tuple(
            column
            for column in self.columns
            if column.name == self.body or (private and column.private)
        )


DOCUMENTS = IndexSpec(
    table="search_document",
    pk="id",
    key="object_id",
    date="updated_at",
    date_type="timestamptz",
    columns=(Column("title", "A"), Column("body", "B")),
    title="title",
    body="body",
    kind=True,
)

TICKETS = IndexSpec(
    table="search_ticket",
    pk="ticket_id",
    key="ticket_id",
    date="ticket_id",  # newest first: tickets are numbered as they arrive
    date_type="bigint",
    columns=(
        Column("subject", "A"),
        Column("people", "B"),  # the requester's name and address, the organization's name
        Column("public_text", "C"),
        Column("internal_text", "C", private=True),
    ),
    title="subject",
    body="public_text",
    # A word in 1% of a million tickets matches 10,000: best match ranks the newest 200
    # (bench/RESULTS.md); "newest first" pages through all of them.
    rank_window=200,
    matches="search_ticket_match",
    organization_column="organization",
)

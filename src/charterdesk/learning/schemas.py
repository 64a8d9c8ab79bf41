from datetime import datetime

from ninja import Field, Schema


class ItemOut(Schema):
    id: int
    position: int
    kind: str = Field(description="`ticket` or `article`.")
    ticket_id: int | None
    article_id: int | None
    title: str
    note: str
    done_at: datetime | None = Field(None, description="When you marked it done.")
    reflection: str = ""


class PathOut(Schema):
    id: int
    title: str
    description: str
    product: str | None
    request_type: str
    item_count: int
    done_count: int = Field(description="Items you have done.")


class PathDetail(PathOut):
    items: list[ItemOut]


class DoneIn(Schema):
    reflection: str = Field("", max_length=1000)


class DoneOut(Schema):
    item_id: int
    done_at: datetime
    reflection: str


class DraftIn(Schema):
    body: str = Field(max_length=20000)
    status: str = Field("", max_length=16, description="The ticket's status once sent.")


class DraftOut(Schema):
    id: int
    ticket_id: int
    learner: str
    mentor: str
    body: str
    state: str
    comment: str
    edited: bool
    created_at: datetime
    reviewed_at: datetime | None

    @staticmethod
    def resolve_learner(draft: object) -> str:
        return str(draft.learner)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_mentor(draft: object) -> str:
        return str(draft.mentor)  # type: ignore[attr-defined]


class ApproveIn(Schema):
    body: str | None = Field(None, max_length=20000, description="Edited text; none: as written.")


class ReturnIn(Schema):
    comment: str = Field(max_length=1000)

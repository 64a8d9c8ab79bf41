from ninja import Field, Schema

from charterdesk.core.validators import Id


class CategoryRef(Schema):
    id: int
    name: str
    path: str = Field(description="The full path for display, e.g. 'Billing › Refunds'.")


class CategoryOut(CategoryRef):
    parent_id: int | None
    active: bool
    position: int
    outside_scope: bool = Field(
        description="Not one of our categories: triage learns from its tickets to leave"
        " requests like them to a person, and never suggests it."
    )


class CategoryIn(Schema):
    name: str = Field(min_length=1, max_length=80)
    parent_id: Id | None = Field(None, description="None: a top-level category.")
    position: int = Field(0, ge=0, le=32000)
    outside_scope: bool = False


class CategoryPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=80)
    parent_id: Id | None = Field(None, description="Move it; null moves it to the top.")
    active: bool | None = None
    position: int | None = Field(None, ge=0, le=32000)
    outside_scope: bool | None = None

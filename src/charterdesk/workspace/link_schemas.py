"""The API's shapes for links, merges, problem tickets and followers."""

from datetime import datetime

from ninja import Field, Schema

from charterdesk.core.validators import Id

from .models import LinkKind


class LinkIn(Schema):
    target_id: Id = Field(description="The other ticket.")
    kind: LinkKind = Field(
        LinkKind.RELATED,
        description="related; duplicate_of; incident_of (the target is a problem ticket).",
    )


class LinkOut(Schema):
    id: int
    kind: str
    source_id: int = Field(description="The ticket the link reads from.")
    target_id: int
    created_at: datetime


class MergeIn(Schema):
    into_id: Id = Field(description="The ticket that survives; this one is closed.")
    notice: str = Field(
        "",
        max_length=5000,
        description="What the requester is told; {surviving} is the other ticket's number.",
    )
    across_organizations: bool = Field(
        False, description="Allow another organization's ticket: messages arrive as notes."
    )


class MergeOut(Schema):
    surviving_id: int
    merged_id: int
    messages_carried: int


class ProblemIn(Schema):
    is_problem: bool = True


class SolveProblemIn(Schema):
    reply: str = Field(
        min_length=1, max_length=20_000, description="Placeholders are filled in per ticket."
    )


class SolveProblemOut(Schema):
    problem_id: int
    solved: list[int] = Field(description="The incident tickets answered and solved.")


class FollowerIn(Schema):
    email: str | None = Field(
        None,
        max_length=254,
        description="Agents: an agent or a colleague of the requester. Customers: leave out "
        "to follow the ticket yourself.",
    )


class FollowerOut(Schema):
    id: int
    email: str
    agent: bool
    created_at: datetime

    @staticmethod
    def resolve_agent(follower: object) -> bool:
        return getattr(follower, "user_id", None) is not None

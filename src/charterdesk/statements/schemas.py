from datetime import datetime

from ninja import Field, Schema

from .usage import Row, Satisfaction, SlaRow, Statement


def by_key(rows: list[Row]) -> dict[str, object]:
    """Figures by key ("none" for rows without one)."""
    return {row.key or "none": row.value for row in rows}


class RequesterOut(Schema):
    contact_id: int
    name: str
    email: str
    tickets: int
    hours: float


class SlaOut(Schema):
    achieved: int
    breached: int
    active: int
    percent: float | None = Field(description="Achieved of achieved + breached, in %.")


class PromisesOut(Schema):
    due: int
    kept: int
    broken: int
    cancelled: int
    open: int
    overdue: int


class SatisfactionOut(Schema):
    answers: int
    average: float | None
    csat_percent: float | None = Field(description="Answers rated 4 or 5, in %.")
    distribution: dict[str, int] = Field(description="Answers per rating 1 to 5.")

    @staticmethod
    def resolve_distribution(satisfaction: Satisfaction) -> dict[str, object]:
        return by_key(satisfaction.distribution)


class StatementOut(Schema):  # read from a Statement; hours as decimal numbers
    contract_id: int = Field(validation_alias="contract.pk")
    organization: str = Field(validation_alias="contract.organization.name")
    plan: str = Field(validation_alias="contract.plan.name")
    month: str
    time_zone: str
    period_start: datetime = Field(validation_alias="start")
    period_end: datetime = Field(validation_alias="end")
    hours_included: float
    hours_purchased: float
    hours_used: float = Field(description="Hours drawn on the bank in the month.")
    hours_used_before: float = Field(description="Drawn on the bank before the month.")
    hours_remaining: float = Field(description="Left in the bank at the month's end; < 0 past it.")
    hours_overage: float
    tickets: int
    tickets_open: int = Field(validation_alias="open_tickets")
    tickets_by_type: dict[str, int]
    tickets_by_priority: dict[str, int]
    tickets_by_coverage: dict[str, int]
    by_requester: list[RequesterOut] = Field(validation_alias="requesters")
    time_total: float
    time_billable: float
    time_by_activity: dict[str, float]
    time_by_tier: dict[str, float]
    sla_attainment: dict[str, SlaOut]
    promises: PromisesOut
    satisfaction: SatisfactionOut

    @staticmethod
    def resolve_month(s: Statement) -> str:
        return str(s.month)

    @staticmethod
    def resolve_time_zone(s: Statement) -> str:
        return str(s.zone)

    @staticmethod
    def resolve_tickets_by_type(s: Statement) -> dict[str, object]:
        return by_key(s.tickets_by_type)

    @staticmethod
    def resolve_tickets_by_priority(s: Statement) -> dict[str, object]:
        return by_key(s.tickets_by_priority)

    @staticmethod
    def resolve_tickets_by_coverage(s: Statement) -> dict[str, object]:
        return by_key(s.tickets_by_coverage)

    @staticmethod
    def resolve_time_by_activity(s: Statement) -> dict[str, object]:
        return by_key(s.time_by_activity)

    @staticmethod
    def resolve_time_by_tier(s: Statement) -> dict[str, object]:
        return by_key(s.time_by_tier)

    @staticmethod
    def resolve_sla_attainment(s: Statement) -> dict[str, SlaRow]:
        return {row.metric: row for row in s.sla}


class MonthQuery(Schema):
    month: str | None = Field(
        None, max_length=7, description="YYYY-MM; default: the current month."
    )

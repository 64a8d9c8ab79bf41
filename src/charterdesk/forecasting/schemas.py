from datetime import datetime

from ninja import Field, Schema

from charterdesk.core.validators import Id


class StaffingIn(Schema):
    """Bounds in the OpenAPI document; erlang.StaffingInput checks the same again."""

    contacts: float = Field(..., ge=0, le=1_000_000, description="Contacts in the interval.")
    interval_minutes: float = Field(30, gt=0, le=1440)
    aht_seconds: float = Field(..., gt=0, le=86_400, description="Average handling time (s).")
    service_level: float = Field(
        0.8, gt=0, lt=1, description="Share answered within the target, e.g. 0.8."
    )
    target_seconds: float = Field(20, ge=0, le=86_400)
    shrinkage: float = Field(0.3, ge=0, lt=1, description="Share of paid time not on contacts.")
    max_occupancy: float = Field(0.85, gt=0, le=1, description="Highest share of time busy.")


class StaffingOut(Schema):
    agents: int
    scheduled: int
    service_level: float
    wait_probability: float
    occupancy: float
    average_speed_of_answer: float = Field(..., description="Seconds.")


class ForecastFilters(Schema):
    queue: Id
    from_: datetime | None = Field(None, alias="from")
    to: datetime | None = None


class IntervalOut(Schema):
    start: datetime
    expected: float
    low: float
    high: float
    agents_needed: int
    scheduled: int
    team_scheduled: int
    on_shift: int
    short: int


class BacktestOut(Schema):
    weeks_of_history: int
    wape: float | None
    mape: float | None
    baseline_wape: float | None


class QueueRef(Schema):
    id: int
    name: str


class ForecastOut(Schema):
    queue: QueueRef
    run_id: int
    computed_at: datetime | None
    backtest: BacktestOut
    intervals: list[IntervalOut]

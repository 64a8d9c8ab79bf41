from datetime import datetime

from ninja import Field, Schema


class TriageIn(Schema):
    subject: str = Field(min_length=1, max_length=250)
    body: str = Field("", max_length=100_000)


class CategoryGuessOut(Schema):
    id: int
    name: str
    confidence: float


class RequestTypeGuessOut(Schema):
    value: str
    confidence: float


class ModelRefOut(Schema):
    version: int
    trained_at: datetime | None


class TriageOut(Schema):
    category: CategoryGuessOut | None = Field(
        description="The model's best guess, always given (null only for a deleted category)."
    )
    request_type: RequestTypeGuessOut | None
    abstained: bool = Field(description="True: the desk would leave this request to a person.")
    model: ModelRefOut


class ConfusionOut(Schema):
    expected: str
    predicted: str
    count: int


class CategoryScoreOut(Schema):
    category: str
    precision: float
    recall: float
    support: int


class ModelOut(Schema):
    version: int
    status: str
    started_at: datetime
    trained_at: datetime | None
    training_size: int
    category_count: int
    heldout_size: int
    heldout_accuracy: float
    precision_target: float
    guard_unfamiliar: bool  # unfamiliar requests left to a person (the setting it was trained with)
    threshold: float
    applied_share: float
    applied_precision: float
    per_category: list[CategoryScoreOut]
    confusions: list[ConfusionOut]
    error: str


class TrainOut(Schema):
    version: int
    status: str

"""A model record as the API and the model page show it: labels turned to category names."""

from typing import Any

from .categories import category_names
from .models import TriageModel


def model_data(model: TriageModel) -> dict[str, Any]:
    labels = {row["label"] for row in model.per_category}
    labels |= {row[key] for row in model.confusions for key in ("expected", "predicted")}
    names = category_names(labels)
    return {
        **{field: getattr(model, field) for field in _FIELDS},
        "per_category": [
            {
                **{k: row[k] for k in ("precision", "recall", "support")},
                "category": names.get(row["label"], "(deleted)"),
            }
            for row in model.per_category
        ],
        "confusions": [
            {
                "expected": names.get(row["expected"], "(deleted)"),
                "predicted": names.get(row["predicted"], "(deleted)"),
                "count": row["count"],
            }
            for row in model.confusions
        ],
    }


_FIELDS = (
    "version",
    "status",
    "started_at",
    "trained_at",
    "training_size",
    "category_count",
    "heldout_size",
    "heldout_accuracy",
    "precision_target",
    "guard_unfamiliar",
    "threshold",
    "applied_share",
    "applied_precision",
    "error",
)

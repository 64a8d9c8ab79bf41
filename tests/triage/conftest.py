from collections.abc import Iterator

import pytest
from django.utils import timezone

from charterdesk.triage import runtime
from charterdesk.triage.models import TriageModel
from charterdesk.triage.services import triage_run_complete, triage_run_start

from .corpus import CATEGORIES, history


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    runtime.forget()
    yield
    runtime.forget()


@pytest.fixture
def category_ids(db: None) -> dict[str, str]:
    """Each corpus category's label as the model learns it (a category id as text)."""
    return {name: str(i) for i, name in enumerate(CATEGORIES, start=1)}


@pytest.fixture
def trained(category_ids: dict[str, str]) -> TriageModel:
    """A ready model learned from the corpus, its threshold for 90% precision."""
    run = triage_run_start(requested_by=None, reason="test", at=timezone.now())
    run.precision_target = 0.9
    return triage_run_complete(run, tickets=history(labels=category_ids), at=timezone.now())

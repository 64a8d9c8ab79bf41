from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.utils import timezone

from charterdesk.tickets.models import Category
from charterdesk.tickets.services import category_create
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
def categories(personas: SimpleNamespace) -> dict[str, Category]:
    """The corpus's categories, under "Support"."""
    top = category_create(actor=personas.manager, name="Support")
    return {
        name: category_create(actor=personas.manager, name=name.title(), parent=top)
        for name in CATEGORIES
    }


@pytest.fixture
def category_ids(categories: dict[str, Category]) -> dict[str, str]:
    """Each corpus category's label as the model learns it (its id as text)."""
    return {name: str(category.pk) for name, category in categories.items()}


@pytest.fixture
def trained(category_ids: dict[str, str]) -> TriageModel:
    """A ready model learned from the corpus, its threshold for 90% precision."""
    run = triage_run_start(requested_by=None, reason="test", at=timezone.now())
    run.precision_target = 0.9
    return triage_run_complete(run, tickets=history(labels=category_ids), at=timezone.now())

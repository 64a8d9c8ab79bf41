from collections.abc import Callable
from types import SimpleNamespace

import pytest

from charterdesk.accounts.models import User
from charterdesk.search import documents
from charterdesk.search.documents import Document


@pytest.fixture
def note_ids(personas: SimpleNamespace) -> list[int]:
    """Ids of real rows (users) to index notes under, so `allowed` can be a QuerySet."""
    return list(User.objects.order_by("pk").values_list("pk", flat=True)[:8])


@pytest.fixture
def index_note(db: None) -> Callable[..., Document]:
    """Index one document of kind "note" (a kind only the tests use)."""

    def index(object_id: int, title: str, body: str = "", **fields: object) -> Document:
        document = Document(kind="note", object_id=object_id, title=title, body=body, **fields)  # type: ignore[arg-type]
        documents.upsert(document)
        return document

    return index

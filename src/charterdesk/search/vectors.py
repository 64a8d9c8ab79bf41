"""Stored document vectors and the hybrid ranking of `documents.similar`.

Every indexed document also gets a vector (semantic.py): the normalised sum of its title's
and its body's vectors, written in the same transaction as the document itself, and
deleted with it (the row hangs off `search_document` by its primary key).

`fused` ranks a free text's candidates from two sources, merged:

- the nearest vectors of the kind (cosine at least MIN_COSINE), from an in-memory matrix
  of the kind's vectors (about 100 MB at 100,000 documents) that each process keeps and
  refreshes from the rows changed since it last looked;
- the full-text side: the text's significant words, BM25-ranked among those nearest
  documents that the reader may read (`ranked`: the FULL_TEXT_CANDIDATES best that share a
  word, scored in Python by bm25.py on the rows read anyway, not by the index);

score = SEMANTIC_WEIGHT x cosine + (1 - SEMANTIC_WEIGHT) x BM25 / best BM25 of the
candidates. Permissions are applied in the database to the nearest vectors too, as for
every search: a vector only says which documents to look at.
"""

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Protocol

import numpy as np
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from charterdesk.core.prepared import Prepared

from . import bm25, semantic
from .backends.base import Row
from .models import IndexedDocument
from .readable import Allowed, Readable
from .semantic import Blob

FULL_TEXT_CANDIDATES = 20  # highlighted rows from the full-text index
NEAREST_CANDIDATES = 50  # nearest vectors
SEMANTIC_WEIGHT = 0.9  # chosen on half of the BANKING77 questions (bench/RESULTS.md)
# A document that shares no word with the text is suggested only from this cosine up:
# off-topic texts ("hello", "what is the weather in Paris") stay below it.
MIN_COSINE = 0.2
# Each process reads the vectors changed since the latest change it saw, less this: a
# transaction that commits longer than this after writing its vectors, while others
# commit, is missed by the processes that looked in between, until they restart.
LATE_COMMIT = timedelta(minutes=2)


class DocumentVector(models.Model):
    """The semantic vector of one indexed document (semantic.DIMENSIONS float16 values)."""

    document = models.OneToOneField(
        "search.IndexedDocument", on_delete=models.CASCADE, primary_key=True
    )
    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    vector = models.BinaryField()
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "search_semantic_vector"
        indexes = [
            models.Index(fields=["kind", "changed_at"], name="search_vector_changed"),
        ]

    def __str__(self) -> str:
        return f"vector of {self.kind} {self.object_id}"


class Indexed(Protocol):
    """What `store` needs of an indexed document (search.IndexedDocument)."""

    pk: Any
    kind: str
    object_id: int
    title: str
    body: str


def document_vectors(documents: Sequence[Indexed]) -> np.ndarray:
    titles = semantic.embed([document.title for document in documents])
    bodies = semantic.embed([document.body for document in documents])
    both = titles + bodies
    norms = np.linalg.norm(both, axis=1, keepdims=True)
    return both / np.where(norms > 0, norms, 1.0)


def store(documents: Sequence[Indexed]) -> None:
    """Write (or replace) the vectors of freshly written documents, in the caller's
    transaction."""
    if not documents:
        return
    now = timezone.now()
    rows = [
        DocumentVector(
            document_id=document.pk,
            kind=document.kind,
            object_id=document.object_id,
            vector=semantic.to_bytes(vector),
            changed_at=now,
        )
        for document, vector in zip(documents, document_vectors(documents), strict=True)
    ]
    DocumentVector.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["document"],
        update_fields=["kind", "object_id", "vector", "changed_at"],
    )


@dataclass
class _Matrix:
    """One kind's vectors in this process: row i is object_ids[i]."""

    object_ids: list[int] = field(default_factory=list)
    rows: dict[int, int] = field(default_factory=dict)
    vectors: np.ndarray = field(
        default_factory=lambda: np.zeros((0, semantic.DIMENSIONS), dtype=np.float32)
    )
    seen_until: datetime | None = None

    def apply(self, changed: Iterable[tuple[int, Blob]]) -> None:
        new_ids: list[int] = []
        new_blobs: list[Blob] = []
        for object_id, blob in changed:
            row = self.rows.get(object_id)
            if row is None:
                new_ids.append(object_id)
                new_blobs.append(blob)
            else:
                self.vectors[row] = semantic.from_bytes([blob])[0]
        if new_ids:
            start = len(self.object_ids)
            self.rows.update({object_id: start + i for i, object_id in enumerate(new_ids)})
            self.object_ids.extend(new_ids)
            self.vectors = np.vstack([self.vectors, semantic.from_bytes(new_blobs)])

    def drop(self, object_ids: Iterable[int]) -> None:
        """Documents found gone: similar to nothing from now on."""
        for object_id in object_ids:
            row = self.rows.get(object_id)
            if row is not None:
                self.vectors[row] = 0.0


_lock = threading.Lock()
_matrices: dict[str, _Matrix] = {}


# The latest change of a kind's vectors (the last entry of the index on (kind, changed_at)),
# compiled once: asked before every suggestion.
_latest_change = Prepared(
    lambda kind: (
        DocumentVector.objects.filter(kind=kind)
        .order_by("-changed_at")
        .values_list("changed_at", flat=True)[:1]
    ),
    str,
)


def _fresh(kind: str) -> _Matrix:
    """The kind's matrix, brought up to date with the database: one index lookup (the
    latest change) per call; the rows changed since the last look when there are any.
    Removed documents are not looked for: `fused` checks its candidates in the database
    anyway and drops those that are gone."""
    found = _latest_change(kind)
    latest = found[0] if found else None
    with _lock:
        matrix = _matrices.get(kind)
        if matrix is not None and latest == matrix.seen_until:
            return matrix
        changed = DocumentVector.objects.filter(kind=kind)
        if matrix is None or latest is None or (matrix.seen_until or latest) > latest:
            matrix = _Matrix()  # the first look, or the clock went back (tests): all of it
        elif matrix.seen_until is not None:
            changed = changed.filter(changed_at__gte=matrix.seen_until - LATE_COMMIT)
        matrix.apply(changed.values_list("object_id", "vector").iterator(chunk_size=2000))
        matrix.seen_until = latest
        _matrices[kind] = matrix
        return matrix


@dataclass(frozen=True)
class Nearest:
    """The documents of a kind nearest in meaning to a text."""

    matrix: _Matrix
    cosines: np.ndarray  # one per row of the matrix
    object_ids: list[int]  # the NEAREST_CANDIDATES nearest, most similar first

    def cosine(self, object_id: int) -> float:
        position = self.matrix.rows.get(object_id)
        return float(self.cosines[position]) if position is not None else 0.0


def nearest(kind: str, text: str) -> Nearest:
    matrix = _fresh(kind)
    query = semantic.embed_one(text)
    # einsum, not BLAS: a matrix-vector product this size is memory-bound, and a threaded
    # BLAS on a busy machine waits for its threads (3x slower at 100,000 rows, measured).
    cosines = np.einsum("ij,j->i", matrix.vectors, query)
    top = _top(cosines, NEAREST_CANDIDATES)
    return Nearest(matrix, cosines, [matrix.object_ids[i] for i in top])


def ranked(kind: str, near: Nearest, words: list[str], allowed: Allowed, limit: int) -> list[Row]:
    """The best `limit` of the nearest documents the reader may read, by the fused score,
    their titles and snippets marked. One read: the nearest ids' titles and bodies, each
    with the reader's permission."""
    found = _documents(kind, near.object_ids, allowed, near.matrix)
    matching = bm25.scores(words, [(title, body) for _, _, title, body in found])
    by_bm25 = sorted(
        (i for i, score in enumerate(matching) if score > 0), key=lambda i: -matching[i]
    )
    full_text = set(by_bm25[:FULL_TEXT_CANDIDATES])
    best_bm25 = max((matching[i] for i in full_text), default=0.0) or 1.0

    def score(i: int) -> float:
        bm25_part = matching[i] / best_bm25 if i in full_text else 0.0
        return SEMANTIC_WEIGHT * near.cosine(found[i][1]) + (1 - SEMANTIC_WEIGHT) * bm25_part

    candidates = [
        i for i in range(len(found)) if i in full_text or near.cosine(found[i][1]) >= MIN_COSINE
    ]
    best = sorted(candidates, key=score, reverse=True)[:limit]
    return [
        Row(
            found[i][0],
            found[i][1],
            score(i),
            bm25.marked(found[i][2], words),
            bm25.snippet(found[i][3], words),
            0.0,
        )
        for i in best
    ]


def _documents(
    kind: str, object_ids: list[int], allowed: Allowed, matrix: _Matrix
) -> list[tuple[int, int, str, str]]:
    """(pk, object_id, title, body) of the indexed documents the reader may read, in the
    order of `object_ids`, in one statement: the rows by the unique index on (kind,
    object_id), each with the reader's permission asked of its owner by primary key (SQLite,
    without statistics, would otherwise start from an index of the permissions' own
    columns and read most of the table: 50 ms at 100,000 articles). Those found gone (not
    those the reader may not read) are dropped from the matrix."""
    if not object_ids:
        return []
    if isinstance(allowed, Readable):
        # At most NEAREST_CANDIDATES ids: a few compiled reads per kind and shape.
        rows = allowed.among(("documents", kind), object_ids, partial(_read, kind))
    else:
        rows = list(_read(kind, allowed, object_ids))
    found = {row[1]: row for row in rows}
    gone = set(object_ids) - set(found)
    if gone:
        with _lock:
            matrix.drop(gone)
    in_order = (found[object_id] for object_id in object_ids if object_id in found)
    return [row[:4] for row in in_order if allowed is None or row[4]]


def _read(kind: str, allowed: QuerySet | None, object_ids: Sequence[int]) -> QuerySet:
    rows = IndexedDocument.objects.filter(kind=kind, object_id__in=object_ids)
    if allowed is None:
        return rows.values_list("pk", "object_id", "title", "body")
    permitted = Exists(allowed.filter(pk=OuterRef("object_id")))
    return rows.annotate(permitted=permitted).values_list(
        "pk", "object_id", "title", "body", "permitted"
    )


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    """Positions of the n highest scores, highest first (without sorting them all)."""
    if len(scores) > n:
        best = np.argpartition(-scores, n)[:n]
        return best[np.argsort(-scores[best])]
    return np.argsort(-scores)

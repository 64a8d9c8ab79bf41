"""The triage model's sentence vectors: the mean and the max view side by side, each of
unit length; a blank text is a row of zeros (similar to nothing)."""

import numpy as np

from charterdesk.search import semantic
from charterdesk.triage import vectors


def test_each_text_gets_a_unit_mean_view_then_a_unit_max_view() -> None:
    rows = vectors.embed(["My card was swallowed by the ATM", "", "contactless stopped working"])
    assert rows.shape == (3, vectors.DIMENSIONS)
    half = semantic.DIMENSIONS
    assert np.allclose(rows[0, :half], semantic.embed(["My card was swallowed by the ATM"])[0])
    for row in (rows[0], rows[2]):
        assert np.isclose(np.linalg.norm(row[:half]), 1.0)
        assert np.isclose(np.linalg.norm(row[half:]), 1.0)
    assert not rows[1].any()


def test_the_max_view_is_not_the_mean_view() -> None:
    row = vectors.embed(["I want to close my account, your service is terrible"])[0]
    half = semantic.DIMENSIONS
    assert not np.allclose(row[:half], row[half:])

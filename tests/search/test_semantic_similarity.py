"""What the embedding model gives: paraphrases close together, unrelated text far apart."""

import threading
import time

import numpy as np
import pytest

from charterdesk.search import semantic

ARTICLES = [
    ("password", "Reset a forgotten password"),
    ("invoice", "Change the billing address on an invoice"),
    ("export", "Export tickets to a CSV file"),
    ("two-factor", "Set up two-factor authentication"),
    ("invite", "Invite a colleague to your organization"),
]


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("I can't remember my login credentials", "password"),
        ("download all our cases as a spreadsheet", "export"),
        ("how can my coworker get access too", "invite"),
        ("the code from my authenticator app is rejected", "two-factor"),
        ("our postal address on bills is wrong", "invoice"),
    ],
)
def test_a_paraphrase_ranks_its_article_first(request_text: str, expected: str) -> None:
    ranked = semantic.rank(request_text, ARTICLES)

    assert ranked[0][0] == expected
    assert ranked[0][1] > ranked[1][1]


def test_vectors_are_unit_length_and_blank_text_is_similar_to_nothing() -> None:
    vectors = semantic.embed(["Export tickets", "   ", ""])

    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)
    assert not vectors[1].any()
    assert not vectors[2].any()


def test_stored_vectors_read_back_close_to_the_originals() -> None:
    vectors = semantic.embed(["Export tickets", "Reset a password"])

    restored = semantic.from_bytes([semantic.to_bytes(row) for row in vectors])

    assert len(semantic.to_bytes(vectors[0])) == 2 * semantic.DIMENSIONS
    assert np.allclose(restored, vectors, atol=1e-3)


def test_the_model_is_loaded_once_when_many_threads_ask_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loads: list[object] = []

    def slow_load() -> object:
        time.sleep(0.05)
        loads.append(object())
        return loads[-1]

    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setattr(semantic, "_load", slow_load)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(semantic.model())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(loads) == 1
    assert all(model is loads[0] for model in seen)

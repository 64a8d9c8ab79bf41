"""The model engine on its own: the threshold meets the precision target on held-out data,
the model abstains on what it never learned, and it survives a round trip."""

import numpy as np

from charterdesk.triage import engine

from .corpus import history


def _examples() -> list[engine.Example]:
    return [engine.Example(engine.ticket_text(t.subject, t.body), t.category) for t in history()]


def test_threshold_is_the_lowest_confidence_that_keeps_precision_at_the_target() -> None:
    confidences = np.array([0.99, 0.95, 0.9, 0.8, 0.7, 0.6])
    right = np.array([True, True, True, False, True, False])
    # At 0.9 the three applied are all right; at 0.7, 4 of 5 (80%).
    assert engine.choose_threshold(confidences, right, 0.95) == 0.9
    assert engine.choose_threshold(confidences, right, 0.8) == 0.7
    assert engine.choose_threshold(confidences, ~right, 0.5) == 1.0  # nothing is good enough


def test_threshold_comes_from_held_out_data_and_meets_the_target_there() -> None:
    model = engine.train(_examples(), precision_target=0.9)
    evaluation = model.evaluation
    assert evaluation.size > 0
    assert model.threshold == evaluation.threshold
    assert evaluation.applied_share > 0
    assert evaluation.applied_precision >= 0.9


def test_a_clear_request_is_answered_and_gibberish_is_left_to_a_person() -> None:
    model = engine.train(_examples(), precision_target=0.9)
    clear = model.predict("Please refund the double payment on my invoice")
    assert clear.label == "refund"
    assert not clear.abstained
    for nonsense in ("qwxz plokm vvrrt", "What is the weather like on Mars?"):
        assert model.predict(nonsense).abstained


def test_a_model_survives_a_round_trip_through_bytes() -> None:
    model = engine.train(_examples(), precision_target=0.9)
    again = engine.loads(model.dumps())
    text = "The site is down: 502 bad gateway"
    assert again.predict(text) == model.predict(text)


def test_a_model_saved_before_the_rehearsal_threshold_was_recorded_still_loads() -> None:
    model = engine.train(_examples(), precision_target=0.9)
    del model.evaluation.__dict__["rehearsal_threshold"]  # as an older model was pickled
    again = engine.loads(model.dumps())
    assert again.evaluation.rehearsal_threshold is None
    assert again.predict("Please refund the double payment").label == "refund"


def test_a_model_trained_on_the_older_narrower_vectors_still_reads_the_new_ones() -> None:
    """Upgrading the sentence vectors (mean only, then mean and max) must not break the
    model that serves until the next training: it reads the columns it was trained on."""
    rng = np.random.default_rng(0)
    table = {e.text: rng.normal(size=8).astype(np.float32) for e in _examples()}

    def narrow(texts):  # type: ignore[no-untyped-def]
        return np.vstack([table.get(t, np.zeros(8, np.float32))[:4] for t in texts])

    def wide(texts):  # type: ignore[no-untyped-def]
        return np.vstack([table.get(t, np.zeros(8, np.float32)) for t in texts])

    model = engine.train(_examples(), precision_target=0.9, embed=narrow)
    text = _examples()[0].text
    assert model.predict(text, wide) == model.predict(text, narrow)


def test_a_subject_that_is_the_first_line_of_the_body_is_read_once() -> None:
    question = "My card has not arrived yet"
    assert engine.ticket_text(question[:20], question) == question
    assert engine.ticket_text("", "  only a body ") == "only a body"
    assert engine.ticket_text("MY  CARD", question) == question  # case and spaces aside
    assert engine.ticket_text("Card missing", question) == f"Card missing\nCard missing\n{question}"


def test_the_threshold_also_leaves_never_learned_categories_to_a_person() -> None:
    """The rehearsal without a quarter of the categories raises the threshold above the
    precision target's alone, and says how many unknown requests it then catches."""
    model = engine.train(_examples(), precision_target=0.5)
    evaluation = model.evaluation
    assert evaluation.unknown_caught is not None and evaluation.unknown_caught > 0
    assert evaluation.answered_right is not None
    assert evaluation.answered_right <= evaluation.applied_share
    assert model.threshold == evaluation.threshold


def test_few_categories_train_without_a_rehearsal() -> None:
    examples = [e for e in _examples() if e.label in {"refund", "password"}]
    model = engine.train(examples, precision_target=0.9)
    assert model.evaluation.unknown_caught is None

"""Requests that belong to none of the desk's categories: tickets marked "not one of our
categories" (engine.OUTSIDE) train a rejection class, and the model leaves requests like
them to a person, still naming its best real category."""

import numpy as np
from scipy import sparse

from charterdesk.triage import engine

from .corpus import CATEGORIES, history

OFF_TOPIC = [
    "What will the weather be like tomorrow in Paris",
    "Recommend a good pizza place near the station",
    "Who won the football game last night",
    "How many calories are in a banana",
    "Play some relaxing music for me",
    "What is the capital of Australia",
    "How do I bake sourdough bread at home",
    "When does the next train to Berlin leave",
    "Tell me a joke about cats",
    "How tall is the Eiffel tower",
    "What time does the cinema open on Sunday",
    "Translate good morning into Spanish",
]


def _history(outside: list[str]) -> list[engine.Example]:
    tickets = [engine.Example(engine.ticket_text(t.subject, t.body), t.category) for t in history()]
    return tickets + [engine.Example(text, engine.OUTSIDE) for text in outside]


def test_a_request_like_the_ones_marked_no_category_goes_to_a_person() -> None:
    question = "What will the weather be like on Saturday in Rome"
    plain = engine.train(_history([]), precision_target=0.9)
    assert plain.predict(question).confidence > 0.9  # sure of a category it does not have
    model = engine.train(_history(OFF_TOPIC), precision_target=0.9)
    off_topic = model.predict(question)
    assert off_topic.abstained
    assert off_topic.confidence < 0.5  # the rejection class took the probability
    assert off_topic.label in CATEGORIES  # the best real category, never the rejection class
    clear = model.predict("Please refund the double payment on my invoice")
    assert clear.label == "refund"
    assert not clear.abstained
    assert engine.OUTSIDE not in {label.label for label in model.evaluation.labels}
    assert model.evaluation.outside_caught is not None


def test_without_marked_tickets_nothing_changes() -> None:
    plain = engine.train(_history([]), precision_target=0.9)
    assert plain.evaluation.outside_caught is None
    assert engine.OUTSIDE not in plain.category.labels


def test_marked_tickets_alone_do_not_make_a_model() -> None:
    only_one = [e for e in _history(OFF_TOPIC) if e.label in ("refund", engine.OUTSIDE)]
    try:
        engine.train(only_one, precision_target=0.9)
    except ValueError as error:
        assert "two categories" in str(error)
    else:
        raise AssertionError("a model needs two real categories")


def test_a_marked_ticket_the_model_would_apply_counts_as_a_wrong_suggestion() -> None:
    """Held-out: one right answer, one marked ticket the rejection class catches, one marked
    ticket the model would apply to "b". Only the applied ones count for precision."""
    classifier = engine.Classifier(
        ["a", "b", engine.OUTSIDE],
        np.array([[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 4.0]], np.float32),
        np.zeros(3, np.float32),
    )
    features = sparse.csr_matrix(np.array([[1.0, 0, 0], [0, 0, 1.0], [0, 0.5, 0]]))
    expected = ["a", engine.OUTSIDE, engine.OUTSIDE]
    evaluation = engine.evaluate(classifier, features, expected, precision_target=0.99)
    assert evaluation.accuracy == 1.0  # the categories' figures leave the marked ones out
    assert [s.label for s in evaluation.labels] == ["a"]
    # Applying "b" to the third would be wrong: the threshold rises above its confidence.
    assert evaluation.applied_share == 1 / 3
    assert evaluation.applied_precision == 1.0
    assert evaluation.outside_caught == 1.0


def _held_out(marked: bool) -> tuple[engine.Classifier, sparse.csr_matrix, list[str]]:
    """Two right answers for "a" (confidence 0.91 and 0.58), and, when `marked`, a ticket
    marked no category that the rejection class catches."""
    classifier = engine.Classifier(
        ["a", "b", engine.OUTSIDE], np.eye(3, dtype=np.float32), np.zeros(3, np.float32)
    )
    rows = [[3.0, 0, 0], [1.0, 0, 0]] + ([[0, 0, 3.0]] if marked else [])
    expected = ["a", "a"] + ([engine.OUTSIDE] if marked else [])
    return classifier, sparse.csr_matrix(np.array(rows)), expected


def _rehearsal() -> engine.Rehearsal:
    """A rehearsal whose threshold (0.8) is above the precision one; of its two
    never-learned examples, one is less sure than 0.8, the other than 0.5."""
    return engine.Rehearsal(0.8, 0.5, 1, np.array([0.7, 0.4]), np.array([False, False]))


def test_with_marked_tickets_held_out_the_rehearsal_threshold_still_serves_by_default() -> None:
    """Leaving unfamiliar requests to a person is the default: marked tickets do not lower
    the threshold below the rehearsal's."""
    classifier, features, expected = _held_out(marked=True)
    evaluation = engine.evaluate(classifier, features, expected, precision_target=0.9)
    assert evaluation.threshold < 0.8
    evaluation = engine._with_unknown(evaluation, classifier, features, expected, _rehearsal())
    assert evaluation.threshold == 0.8
    assert evaluation.unknown_caught == 1.0


def test_with_marked_tickets_and_no_guard_the_precision_threshold_serves() -> None:
    """With the guard off, marked tickets measure what lies outside the categories: the
    rehearsal's higher threshold is reported, not used, and what the serving one catches
    of it is said."""
    classifier, features, expected = _held_out(marked=True)
    evaluation = engine.evaluate(classifier, features, expected, precision_target=0.9)
    precision_threshold = evaluation.threshold
    assert 0.5 < precision_threshold < 0.8
    evaluation = engine._with_unknown(
        evaluation, classifier, features, expected, _rehearsal(), guard_unfamiliar=False
    )
    assert evaluation.threshold == precision_threshold
    assert evaluation.rehearsal_threshold == 0.8
    assert evaluation.unknown_caught == 0.5  # at the serving threshold, not the rehearsal's
    assert evaluation.applied_share == 2 / 3
    assert evaluation.outside_caught == 1.0


def test_without_marked_tickets_the_rehearsal_threshold_serves_when_higher() -> None:
    """Without marked tickets there is nothing to measure the outside with: the guard
    setting does not matter."""
    classifier, features, expected = _held_out(marked=False)
    evaluation = engine.evaluate(classifier, features, expected, precision_target=0.9)
    evaluation = engine._with_unknown(
        evaluation, classifier, features, expected, _rehearsal(), guard_unfamiliar=False
    )
    assert evaluation.threshold == 0.8
    assert evaluation.rehearsal_threshold == 0.8
    assert evaluation.unknown_caught == 1.0
    assert evaluation.applied_share == 1 / 2

"""The triage model: learns (text, label) pairs, predicts a label with a confidence, and
knows when to abstain. Pure Python over scikit-learn and numpy: no Django here.

Features: TF-IDF of words (1-2 grams) and of characters (2-5 grams inside words, which
forgive typos such as "recieved"), optionally joined by sentence vectors (the caller
passes `embed`, e.g. WordLlama's mean and max vectors from vectors.py). Classifier: a linear
SVM (one-vs-rest, fast on sparse features). Its scores become probabilities by a softmax
whose temperature is fitted on held-out data, so "0.9" means "right about 9 times in 10".

The abstention threshold is not a constant: on the held-out part (the most recent
examples) we take the lowest confidence at which the suggestions at or above it are still
right at least `precision_target` of the time. A request may also belong to no category
the desk ever used: a rehearsal fits the model again without a quarter of the categories
(drawn with a fixed seed) and takes the highest confidence that still answers KEEP_RIGHT of
the right answers on the categories it learned, which leaves to a person the unknown
requests it is less sure of; the higher of the two thresholds serves. Both come from the
training data only. The final classifier is then refitted on all examples; temperature and
threshold carry over from the held-out fit.

Requests that belong to none of the desk's categories can also be learned: examples
labelled OUTSIDE (tickets an agent marked "not one of our categories") train one more
class, a rejection class. When it wins, the model abstains whatever its confidence; the
category it reports is still its best real category. Held-out OUTSIDE examples count as
wrong whenever they would be applied, so the precision threshold accounts for them.

Which threshold serves then is the manager's choice (`guard_unfamiliar`, a triage
setting). On (the default): the higher of the precision threshold and the rehearsal's, so
requests of a new kind that looks like a known category are still left to a person. Off:
once the held-out part has marked tickets, the precision threshold alone serves: the
rehearsal stands in for evidence a desk does not have, what its requests outside the
categories look like, and marked tickets measure that instead (learned by the rejection
class, counted as wrong suggestions in the precision target). Either way the rehearsal is
run and its threshold and what the serving threshold catches of its never-learned
categories are reported (`Evaluation.rehearsal_threshold`, `unknown_caught`). The price of
off, measured on BANKING77 (bench/RESULTS.md, branch triage4): new categories of the
desk's own domain that no one marked are caught less often (about 29% of them instead of
about 50%), for about 1.4 points more requests answered right.
"""

import math
import pickle  # noqa: S403 - only models this process wrote itself are ever loaded
import random
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

Embed = Callable[[Sequence[str]], NDArray[np.float32]]
Progress = Callable[[str], None]

HOLDOUT_SHARE = 0.2
UNKNOWN_SHARE = 0.25  # categories left out of the never-learned rehearsal
FIT_THREADS = 2  # the classifiers fitted at once (the budget: two cores)
KEEP_RIGHT = 0.96  # share of right answers the rehearsal's threshold still gives
MIN_PER_LABEL = 2  # a label with fewer examples cannot be learned (nor held out)
EMBEDDING_WEIGHT = 2.0  # chosen on a held-out fifth of the BANKING77 train file (bench)
_TEMPERATURES = np.geomspace(0.02, 5.0, 60)
# The label of examples that belong to none of the categories (the rejection class); no
# category id (digits) or intent name can be equal to it.
OUTSIDE = "(outside)"


@dataclass(frozen=True)
class Example:
    text: str
    label: str


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    abstained: bool


@dataclass
class Confusion:
    expected: str
    predicted: str
    count: int


@dataclass
class LabelScore:
    label: str
    precision: float
    recall: float
    support: int


@dataclass
class Evaluation:
    """What the held-out examples say about the model."""

    size: int
    accuracy: float
    threshold: float
    applied_share: float  # share of held-out examples the desk would apply at the threshold
    applied_precision: float
    labels: list[LabelScore] = field(default_factory=list)
    confusions: list[Confusion] = field(default_factory=list)
    # Share of held-out examples applied AND right at the threshold.
    answered_right: float | None = None
    # In the never-learned rehearsal: share of unknown-category examples left to a person
    # (None for models trained before the rehearsal, or with fewer than 4 categories).
    unknown_caught: float | None = None
    # Share of held-out OUTSIDE examples left to a person (None when none was learned).
    outside_caught: float | None = None
    # The rehearsal's own threshold (None without a rehearsal); it serves only when no
    # held-out example is marked OUTSIDE, otherwise the precision threshold does.
    rehearsal_threshold: float | None = None


@dataclass
class Classifier:
    """A fitted linear classifier over the shared features, with its temperature."""

    labels: list[str]
    coef: NDArray[np.float32]
    intercept: NDArray[np.float32]
    temperature: float = 1.0

    def probabilities(self, features: sparse.csr_matrix) -> NDArray[np.float64]:
        return _softmax(self.scores(features) / self.temperature)

    def scores(self, features: sparse.csr_matrix) -> NDArray[np.float64]:
        return np.asarray(features @ self.coef.T + self.intercept, dtype=np.float64)


@dataclass
class Features:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    embedding_dims: int = 0

    def transform(self, texts: Sequence[str], embed: Embed | None) -> sparse.csr_matrix:
        parts = [self.words.transform(texts), self.chars.transform(texts)]
        if self.embedding_dims:
            if embed is None:
                raise ValueError("this model was trained with embeddings: pass `embed`")
            # A model trained with fewer columns (an older, narrower `embed` whose columns
            # come first in the new one) reads only those.
            vectors = embed(texts)[:, : self.embedding_dims]
            parts.append(sparse.csr_matrix(vectors * EMBEDDING_WEIGHT))
        return sparse.hstack(parts, format="csr")


@dataclass
class Model:
    features: Features
    category: Classifier
    threshold: float
    evaluation: Evaluation
    secondary: dict[str, Classifier] = field(default_factory=dict)

    def predict(self, text: str, embed: Embed | None = None) -> Prediction:
        return self.predict_many([text], embed)[0]

    def predict_many(self, texts: Sequence[str], embed: Embed | None = None) -> list[Prediction]:
        probs = self.category.probabilities(self.features.transform(texts, embed))
        return _predictions(self.category.labels, probs, self.threshold)

    def predict_all(
        self, text: str, embed: Embed | None = None
    ) -> tuple[Prediction, dict[str, Prediction]]:
        """The category and every other target learned on the same texts (e.g. the request
        type, without threshold), from one computation of the features."""
        features = self.features.transform([text], embed)
        best = _predictions(
            self.category.labels, self.category.probabilities(features), self.threshold
        )
        others = {
            name: _predictions(c.labels, c.probabilities(features), 0.0)[0]
            for name, c in self.secondary.items()
        }
        return best[0], others

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Model:
    model = pickle.loads(data)  # noqa: S301 - our own model, from our own database
    if not isinstance(model, Model):
        raise TypeError("not a triage model")
    return model


def ticket_text(subject: str, body: str) -> str:
    """What the model reads of a ticket: the subject twice (it says the most), the body
    cut at 2,000 characters (quoted history and signatures say little).

    When the body begins with the subject (a widget or portal request whose subject is its
    first line, a mail without a subject of its own) the body alone is read: the same
    words three times would change the weights of the words and add word pairs across
    the joins that no other request has."""
    body = body[:2000]
    if _plain(body).startswith(_plain(subject)):
        return body.strip()
    return f"{subject}\n{subject}\n{body}".strip()


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def train(
    examples: Sequence[Example],
    *,
    precision_target: float,
    embed: Embed | None = None,
    secondary: dict[str, Sequence[str | None]] | None = None,
    progress: Progress | None = None,
    guard_unfamiliar: bool = True,
) -> Model:
    """A model from `examples`, oldest first (the newest HOLDOUT_SHARE are held out).

    `guard_unfamiliar`: which threshold serves when the never-learned rehearsal ran (see
    the module's docstring).

    `secondary` maps a target name to one label per example (None where unknown); each
    gets its own classifier on the same features, without threshold.

    The features are fitted once, on every usable text (TF-IDF's vocabulary and weights
    read no label, so the held-out part stays unseen by the classifier), and each text is
    embedded once: the trial fit, the never-learned rehearsal and the final fit share
    the rows."""
    say = progress or (lambda _message: None)
    usable = _usable(examples)
    if len({example.label for example in usable} - {OUTSIDE}) < 2:
        raise ValueError("at least two categories with two examples each are needed")
    texts = [e.text for e in usable]
    labels = [e.label for e in usable]
    fit_rows, held_rows = _split(usable)
    say(f"learning from {len(fit_rows)} examples, holding out {len(held_rows)}")
    vectors = embed(texts) if embed is not None else None
    features = _fit_features(texts, vectors)
    x_all = features.transform(texts, (lambda _texts: vectors) if vectors is not None else None)
    held_labels = [labels[i] for i in held_rows]
    unknown = _unknown_labels(labels)
    known_rows = [i for i in fit_rows if labels[i] not in unknown]
    say(f"fitting {3 if unknown else 2} classifiers, {FIT_THREADS} at a time")
    # The fits do not depend on each other, and liblinear lets go of the GIL while it
    # solves: on two cores they overlap.
    with ThreadPoolExecutor(max_workers=FIT_THREADS) as pool:
        trial_fit = pool.submit(_fit_classifier, x_all[fit_rows], [labels[i] for i in fit_rows])
        partial_fit = (
            pool.submit(_fit_classifier, x_all[known_rows], [labels[i] for i in known_rows])
            if unknown
            else None
        )
        final_fit = pool.submit(_fit_classifier, x_all, labels)
        others = {
            name: pool.submit(_fit_secondary, x_all, usable, examples, targets)
            for name, targets in (secondary or {}).items()
        }
        trial = trial_fit.result()
        trial.temperature = _fit_temperature(trial, x_all[held_rows], held_labels)
        evaluation = evaluate(trial, x_all[held_rows], held_labels, precision_target)
        say(f"held-out accuracy {evaluation.accuracy:.3f}, threshold {evaluation.threshold:.3f}")
        if partial_fit is not None:
            partial = partial_fit.result()
            partial.temperature = trial.temperature
            rehearsal = _rehearse_unknown(partial, x_all[held_rows], held_labels, unknown)
            if rehearsal is not None:
                evaluation = _with_unknown(
                    evaluation,
                    trial,
                    x_all[held_rows],
                    held_labels,
                    rehearsal,
                    guard_unfamiliar=guard_unfamiliar,
                )
                serves = "serves" if evaluation.threshold == rehearsal.threshold else "reported"
                say(
                    f"never-learned rehearsal ({serves}): threshold {rehearsal.threshold:.3f};"
                    f" at {evaluation.threshold:.3f}, {evaluation.unknown_caught:.1%} of"
                    " unknown-category examples left to a person"
                )
        final = final_fit.result()
        final.temperature = trial.temperature
        model = Model(features, final, evaluation.threshold, evaluation)
        for name, fitted in others.items():
            model.secondary[name] = fitted.result()
    return model


def _unknown_labels(labels: Sequence[str]) -> set[str]:
    """The categories the rehearsal leaves out: UNKNOWN_SHARE of them, drawn with a fixed
    seed; none with fewer than 4 categories (too few to leave some out and still learn)."""
    names = sorted(set(labels) - {OUTSIDE})
    if len(names) < 4:
        return set()
    draw = random.Random(0)  # noqa: S311 - a fixed, reproducible draw, not a secret
    return set(draw.sample(names, max(1, round(len(names) * UNKNOWN_SHARE))))


@dataclass(frozen=True)
class Rehearsal:
    """A rehearsal of requests that belong to no learned category: the trial fit again
    without a quarter of the categories; their held-out examples play the unknown ones."""

    threshold: float  # the highest that still keeps KEEP_RIGHT of the right answers
    caught: float  # share of the unknown-category examples left to a person at it
    unknown_labels: int
    # Per unknown-category held-out example: the confidence, and whether it was rejected.
    unknown_confidences: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    unknown_rejected: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, bool))

    def caught_at(self, threshold: float) -> float:
        """Share of the unknown-category examples left to a person at `threshold`."""
        left = (self.unknown_confidences < threshold) | self.unknown_rejected
        return float(left.mean()) if len(left) else self.caught


def _rehearse_unknown(
    partial: Classifier,
    features: sparse.csr_matrix,
    expected: Sequence[str],
    unknown: set[str],
) -> Rehearsal | None:
    """How confident a fit without the `unknown` categories is on the held-out examples
    (`features`, `expected`), those of the categories it never learned among them.

    The threshold is the highest at which it still answers KEEP_RIGHT of the held-out
    examples of the categories it learned that it gets right: every right answer abstained
    on costs a person's time, so only a small, fixed share of them is traded for catching
    unknown requests. None when the held-out part lacks either kind."""
    confidences, right, rejected = _judged(partial, features, expected)
    outside = np.array([e in unknown for e in expected])
    kept = np.sort(confidences[right & ~outside])[::-1]
    if not len(kept) or not outside.any():
        return None
    threshold = float(kept[max(0, math.ceil(KEEP_RIGHT * len(kept)) - 1)])
    caught = float(((confidences < threshold) | rejected)[outside].mean())
    return Rehearsal(threshold, caught, len(unknown), confidences[outside], rejected[outside])


def _with_unknown(
    evaluation: "Evaluation",
    trial: Classifier,
    features: sparse.csr_matrix,
    expected: Sequence[str],
    rehearsal: Rehearsal,
    *,
    guard_unfamiliar: bool = True,
) -> "Evaluation":
    """The held-out figures at the threshold that serves: the higher of the two (known
    categories only, and the rehearsal's), or, with `guard_unfamiliar` off, the precision
    one alone when held-out examples marked OUTSIDE measure the requests outside the
    categories (see the module's docstring)."""
    marked = OUTSIDE in expected
    if marked and not guard_unfamiliar:
        threshold = evaluation.threshold
    else:
        threshold = max(evaluation.threshold, rehearsal.threshold)
    confidences, right, rejected = _judged(trial, features, expected)
    applied = (confidences >= threshold) & ~rejected
    evaluation.threshold = threshold
    evaluation.applied_share = float(applied.mean())
    evaluation.applied_precision = float(right[applied].mean()) if applied.any() else 0.0
    evaluation.answered_right = float((applied & right).mean())
    evaluation.unknown_caught = rehearsal.caught_at(threshold)
    evaluation.rehearsal_threshold = rehearsal.threshold
    evaluation.outside_caught = _outside_caught(applied, expected)
    return evaluation


def _judged(
    classifier: Classifier, features: sparse.csr_matrix, expected: Sequence[str]
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.bool_]]:
    """Per example: the confidence of the best category, whether it would be right if
    applied, and whether the rejection class won (left to a person whatever the threshold)."""
    preds = _predictions(classifier.labels, classifier.probabilities(features), 0.0)
    confidences = np.array([p.confidence for p in preds])
    rejected = np.array([p.abstained for p in preds])
    right = np.array([p.label == e for p, e in zip(preds, expected, strict=True)]) & ~rejected
    return confidences, right, rejected


def _outside_caught(applied: NDArray[np.bool_], expected: Sequence[str]) -> float | None:
    outside = np.array([e == OUTSIDE for e in expected])
    return float((~applied[outside]).mean()) if outside.any() else None


def evaluate(
    classifier: Classifier,
    features: sparse.csr_matrix,
    expected: Sequence[str],
    precision_target: float,
) -> Evaluation:
    """The held-out figures. OUTSIDE examples take part in the threshold (applying one is
    a wrong suggestion) but not in the accuracy, per-category scores and confusions, which
    are about the categories."""
    if not expected:
        return Evaluation(0, 0.0, 1.0, 0.0, 0.0)
    confidences, right, rejected = _judged(classifier, features, expected)
    best = _predictions(classifier.labels, classifier.probabilities(features), 0.0)
    threshold = choose_threshold(confidences[~rejected], right[~rejected], precision_target)
    applied = (confidences >= threshold) & ~rejected
    inside = np.array([e != OUTSIDE for e in expected])
    guessed = [p.label for p, keep in zip(best, inside, strict=True) if keep]
    known = [e for e in expected if e != OUTSIDE]
    hits = np.array([g == e for g, e in zip(guessed, known, strict=True)])
    return Evaluation(
        size=len(expected),
        accuracy=float(hits.mean()) if len(hits) else 0.0,
        threshold=threshold,
        applied_share=float(applied.mean()),
        applied_precision=float(right[applied].mean()) if applied.any() else 0.0,
        labels=_label_scores(guessed, known),
        confusions=_confusions(guessed, known),
        answered_right=float((applied & right).mean()),
        outside_caught=_outside_caught(applied, expected),
    )


def choose_threshold(
    confidences: NDArray[np.float64], right: NDArray[np.bool_], precision_target: float
) -> float:
    """The lowest confidence at which the suggestions at or above it are right at least
    `precision_target` of the time (so the most tickets are answered); 1.0 when none is."""
    order = np.argsort(-confidences, kind="stable")
    sorted_conf = confidences[order]
    precision = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    best = 1.0
    for i in range(len(order)):
        # A cut between equal confidences is impossible: only look at the last of a tie.
        if i + 1 < len(order) and sorted_conf[i + 1] == sorted_conf[i]:
            continue
        if precision[i] >= precision_target:
            best = float(sorted_conf[i])
    return best


def _usable(examples: Sequence[Example]) -> list[Example]:
    counts = Counter(example.label for example in examples)
    return [e for e in examples if counts[e.label] >= MIN_PER_LABEL and e.text.strip()]


def _split(examples: list[Example]) -> tuple[list[int], list[int]]:
    """The rows to fit and the rows held out: the newest HOLDOUT_SHARE of each label (at
    least one, never all)."""
    by_label: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        by_label.setdefault(example.label, []).append(index)
    held: set[int] = set()
    for indexes in by_label.values():
        count = min(len(indexes) - 1, max(1, math.ceil(len(indexes) * HOLDOUT_SHARE)))
        held.update(indexes[-count:])
    return [i for i in range(len(examples)) if i not in held], sorted(held)


def _fit_features(texts: Sequence[str], vectors: NDArray[np.float32] | None) -> Features:
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=200_000
    )
    words.fit(texts)
    chars.fit(texts)
    dims = int(vectors.shape[1]) if vectors is not None else 0
    return Features(words, chars, dims)


def _fit_classifier(features: sparse.csr_matrix, labels: Sequence[str]) -> Classifier:
    svm = LinearSVC(C=0.5, class_weight="balanced")
    svm.fit(features, labels)
    names = [str(label) for label in svm.classes_]
    coef = np.asarray(svm.coef_, dtype=np.float32)
    intercept = np.asarray(svm.intercept_, dtype=np.float32)
    if len(names) == 2:  # sklearn keeps one row for two classes: make it two
        coef = np.vstack([-coef, coef])
        intercept = np.concatenate([-intercept, intercept])
    return Classifier(names, coef, intercept)


def _fit_temperature(
    classifier: Classifier, features: sparse.csr_matrix, expected: Sequence[str]
) -> float:
    """The softmax temperature that makes the held-out probabilities most honest."""
    scores = classifier.scores(features)
    index = {label: i for i, label in enumerate(classifier.labels)}
    rows = [(r, index[label]) for r, label in enumerate(expected) if label in index]
    if not rows:
        return 1.0
    r, c = (np.array(values) for values in zip(*rows, strict=True))
    losses = [
        -np.log(_softmax(scores[r] / t)[np.arange(len(r)), c] + 1e-12).mean() for t in _TEMPERATURES
    ]
    return float(_TEMPERATURES[int(np.argmin(losses))])


def _fit_secondary(
    features: sparse.csr_matrix,
    usable: list[Example],
    examples: Sequence[Example],
    labels: Sequence[str | None],
) -> Classifier:
    by_example = {id(example): label for example, label in zip(examples, labels, strict=True)}
    rows = [i for i, e in enumerate(usable) if by_example.get(id(e))]
    targets = [str(by_example[id(usable[i])]) for i in rows]
    if len(set(targets)) < 2:
        only = targets[0] if targets else ""
        width = features.shape[1]
        return Classifier([only], np.zeros((1, width), np.float32), np.zeros(1, np.float32))
    return _fit_classifier(features[rows], targets)


def _softmax(scores: NDArray[np.float64]) -> NDArray[np.float64]:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _predictions(
    labels: list[str], probs: NDArray[np.float64], threshold: float
) -> list[Prediction]:
    """The best category of each row, abstained below `threshold` or when the rejection
    class (OUTSIDE) is more probable than any category."""
    if OUTSIDE not in labels or len(labels) < 2:
        best = probs.argmax(axis=1)
        return [
            Prediction(labels[b], float(probs[i, b]), bool(probs[i, b] < threshold))
            for i, b in enumerate(best)
        ]
    rejection = labels.index(OUTSIDE)
    real = probs.copy()
    real[:, rejection] = -1.0
    best = real.argmax(axis=1)
    return [
        Prediction(
            labels[b],
            float(probs[i, b]),
            bool(probs[i, b] < threshold or probs[i, rejection] > probs[i, b]),
        )
        for i, b in enumerate(best)
    ]


def _label_scores(guessed: Sequence[str], expected: Sequence[str]) -> list[LabelScore]:
    pairs = list(zip(guessed, expected, strict=True))
    scores = []
    for label in sorted(set(expected) | set(guessed)):
        hits = sum(1 for g, e in pairs if g == e == label)
        said = sum(1 for g, _ in pairs if g == label)
        real = sum(1 for _, e in pairs if e == label)
        scores.append(
            LabelScore(label, hits / said if said else 0.0, hits / real if real else 0.0, real)
        )
    return scores


def _confusions(guessed: Sequence[str], expected: Sequence[str], top: int = 10) -> list[Confusion]:
    mixed = Counter((e, g) for g, e in zip(guessed, expected, strict=True) if g != e)
    return [Confusion(e, g, n) for (e, g), n in mixed.most_common(top)]

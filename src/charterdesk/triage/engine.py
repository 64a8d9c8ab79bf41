"""The triage model: learns (text, label) pairs, predicts a label with a confidence, and
knows when to abstain. Pure Python over scikit-learn and numpy: no Django here.

Features: TF-IDF of words (1-2 grams) and of characters (2-5 grams inside words, which
forgive typos such as "recieved"), optionally joined by sentence vectors (the caller
passes `embed`, e.g. WordLlama's mean and max vectors from vectors.py). Classifier: a linear
SVM (one-vs-rest, fast on sparse features). Its scores become probabilities by a softmax
whose temperature is fitted on held-out data, so "0.9" means "right about 9 times in 10".

The abstention threshold is not a constant: on the held-out part (the most recent
examples) we take the lowest confidence at which the suggestions at or above it are still
right at least `precision_target` of the time. The final classifier is then refitted on
all examples; temperature and threshold carry over from the held-out fit.
"""

import math
import pickle  # noqa: S403 - only models this process wrote itself are ever loaded
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

Embed = Callable[[Sequence[str]], NDArray[np.float32]]
Progress = Callable[[str], None]

HOLDOUT_SHARE = 0.2
MIN_PER_LABEL = 2  # a label with fewer examples cannot be learned (nor held out)
EMBEDDING_WEIGHT = 2.0  # chosen on a held-out fifth of the BANKING77 train file (bench)
_TEMPERATURES = np.geomspace(0.02, 5.0, 60)


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
    cut at 2,000 characters (quoted history and signatures say little)."""
    return f"{subject}\n{subject}\n{body[:2000]}".strip()


def train(
    examples: Sequence[Example],
    *,
    precision_target: float,
    embed: Embed | None = None,
    secondary: dict[str, Sequence[str | None]] | None = None,
    progress: Progress | None = None,
) -> Model:
    """A model from `examples`, oldest first (the newest HOLDOUT_SHARE are held out).

    `secondary` maps a target name to one label per example (None where unknown); each
    gets its own classifier on the same features, without threshold."""
    say = progress or (lambda _message: None)
    usable = _usable(examples)
    if len({example.label for example in usable}) < 2:
        raise ValueError("at least two categories with two examples each are needed")
    fit_part, held = _split(usable)
    say(f"learning from {len(fit_part)} examples, holding out {len(held)}")
    features = _fit_features([e.text for e in fit_part], embed)
    x_fit = features.transform([e.text for e in fit_part], embed)
    x_held = features.transform([e.text for e in held], embed)
    trial = _fit_classifier(x_fit, [e.label for e in fit_part])
    trial.temperature = _fit_temperature(trial, x_held, [e.label for e in held])
    evaluation = evaluate(trial, x_held, [e.label for e in held], precision_target)
    say(f"held-out accuracy {evaluation.accuracy:.3f}, threshold {evaluation.threshold:.3f}")
    say(f"refitting on all {len(usable)} examples")
    features = _fit_features([e.text for e in usable], embed)
    x_all = features.transform([e.text for e in usable], embed)
    final = _fit_classifier(x_all, [e.label for e in usable])
    final.temperature = trial.temperature
    model = Model(features, final, evaluation.threshold, evaluation)
    for name, labels in (secondary or {}).items():
        model.secondary[name] = _fit_secondary(x_all, usable, examples, labels)
    return model


def evaluate(
    classifier: Classifier,
    features: sparse.csr_matrix,
    expected: Sequence[str],
    precision_target: float,
) -> Evaluation:
    if not expected:
        return Evaluation(0, 0.0, 1.0, 0.0, 0.0)
    preds = _predictions(classifier.labels, classifier.probabilities(features), 0.0)
    guessed = [p.label for p in preds]
    confidences = np.array([p.confidence for p in preds])
    right = np.array([g == e for g, e in zip(guessed, expected, strict=True)])
    threshold = choose_threshold(confidences, right, precision_target)
    applied = confidences >= threshold
    return Evaluation(
        size=len(expected),
        accuracy=float(right.mean()),
        threshold=threshold,
        applied_share=float(applied.mean()),
        applied_precision=float(right[applied].mean()) if applied.any() else 0.0,
        labels=_label_scores(guessed, expected),
        confusions=_confusions(guessed, expected),
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


def _split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """Hold out the newest HOLDOUT_SHARE of each label (at least one, never all)."""
    by_label: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        by_label.setdefault(example.label, []).append(index)
    held: set[int] = set()
    for indexes in by_label.values():
        count = min(len(indexes) - 1, max(1, math.ceil(len(indexes) * HOLDOUT_SHARE)))
        held.update(indexes[-count:])
    fit_part = [e for i, e in enumerate(examples) if i not in held]
    return fit_part, [examples[i] for i in sorted(held)]


def _fit_features(texts: Sequence[str], embed: Embed | None) -> Features:
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=200_000
    )
    words.fit(texts)
    chars.fit(texts)
    dims = int(embed(texts[:1]).shape[1]) if embed is not None else 0
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
    best = probs.argmax(axis=1)
    return [
        Prediction(labels[b], float(probs[i, b]), bool(probs[i, b] < threshold))
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

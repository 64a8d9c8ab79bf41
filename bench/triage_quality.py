"""Triage: does the model pick the right category, and does it abstain when it should?

    python bench/triage_quality.py [--data CSV] [--api N] [--no-embed]

Data: BANKING77 (bench/data/banking77/NOTICE) treated as ticket history, one question a
ticket, its intent the category. Only the 770-question sample of the test file (10 per
intent) is in the repository; pass the full CSVs with --data (header `text,category`)
when you have them.

1. Closed set: 5-fold cross-validation (8 tickets per category learned, 2 predicted).
   Top-1 accuracy; at the threshold the model chose on its own held-out part for a 95%
   precision target: the share applied and how many of those were right.
2. Out of scope: in each of 5 rounds 20 of the 77 categories are never learned (their
   tickets play the messages that belong to no category; the BANKING77-OOS protocol of
   Zhang et al. 2022). Share of those abstained on, and share of in-scope tickets answered
   AND right.
3. Speed: training on 15,000 tickets (the sample's texts, each with a few words dropped,
   so the vocabulary is as varied as it can be made from 770 texts), then the time of one
   prediction (p50 / p95 of 200).
4. Through the API (--api N, default 200): a fresh CharterDesk database (demo data), the
   categories created, a model trained from solved tickets by `charterdesk triage train`'s
   service, then N held-out questions sent to `POST /api/v1/triage` as the demo agent.
Baseline in the same run: the same classifier without sentence embeddings.
"""

import argparse
import csv
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "src"))
from timing import timed  # noqa: E402

from charterdesk.search import semantic  # noqa: E402
from charterdesk.triage import engine  # noqa: E402

SAMPLE = ROOT / "data" / "banking77" / "test_first10.csv"
TARGET = 0.95
FOLDS = 5
OOS_LABELS = 20


def load(path: Path) -> dict[str, list[str]]:
    by_label: dict[str, list[str]] = defaultdict(list)
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            by_label[row["category"]].append(row["text"])
    return by_label


def folds(by_label: dict[str, list[str]], fold: int, labels: set[str]):
    learn, test = [], []
    for label in sorted(labels):
        for i, text in enumerate(by_label[label]):
            (test if i % FOLDS == fold else learn).append(engine.Example(text, label))
    return learn, test


def closed_set(by_label, embed):
    accuracy, applied, right = [], [], []
    for fold in range(FOLDS):
        learn, test = folds(by_label, fold, set(by_label))
        model = engine.train(learn, precision_target=TARGET, embed=embed)
        preds = model.predict_many([e.text for e in test], embed)
        hits = np.array([p.label == e.label for p, e in zip(preds, test, strict=True)])
        used = np.array([not p.abstained for p in preds])
        accuracy.append(hits.mean())
        applied.append(used.mean())
        right.append(hits[used].mean() if used.any() else 0.0)
    return float(np.mean(accuracy)), float(np.mean(applied)), float(np.mean(right))


def out_of_scope(by_label, embed):
    caught, answered = [], []
    labels = sorted(by_label)
    for round_ in range(FOLDS):
        unknown = set(random.Random(round_).sample(labels, OOS_LABELS))
        learn, test = folds(by_label, round_, set(labels) - unknown)
        model = engine.train(learn, precision_target=TARGET, embed=embed)
        inside = model.predict_many([e.text for e in test], embed)
        outside_texts = [t for label in unknown for t in by_label[label]]
        outside = model.predict_many(outside_texts, embed)
        caught.append(np.mean([p.abstained for p in outside]))
        answered.append(
            np.mean(
                [not p.abstained and p.label == e.label for p, e in zip(inside, test, strict=True)]
            )
        )
    return float(np.mean(caught)), float(np.mean(answered))


def speed(by_label, embed, size=15_000):
    rng = random.Random(0)
    pool = [(t, label) for label, texts in by_label.items() for t in texts]
    examples = []
    for _ in range(size):
        text, label = rng.choice(pool)
        words = [w for w in text.split() if rng.random() > 0.15] or text.split()
        examples.append(engine.Example(" ".join(words), label))
    start = time.perf_counter()
    model = engine.train(examples, precision_target=TARGET, embed=embed)
    seconds = time.perf_counter() - start
    p50, p95 = timed(lambda: model.predict_all("my card still has not arrived", embed), 200)
    cpu = time.process_time()
    for _ in range(200):
        model.predict_all("my card still has not arrived", embed)
    cpu_ms = (time.process_time() - cpu) * 1000 / 200
    return seconds, p50, p95, cpu_ms, len(model.dumps())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SAMPLE)
    parser.add_argument("--api", type=int, default=200)
    args = parser.parse_args()
    by_label = load(args.data)
    print(
        f"{sum(map(len, by_label.values()))} tickets, {len(by_label)} categories ({args.data.name})"
    )
    for name, embed in (("tfidf+embeddings", semantic.embed), ("tfidf only (baseline)", None)):
        acc, applied, right = closed_set(by_label, embed)
        caught, answered = out_of_scope(by_label, embed)
        print(f"\n{name}")
        print(f"  closed set: top-1 accuracy {acc:.3f}; applied {applied:.1%}, right {right:.1%}")
        print(
            f"  out of scope: {caught:.1%} sent to triage; in-scope answered right {answered:.1%}"
        )
        seconds, p50, p95, cpu_ms, size = speed(by_label, embed)
        print(
            f"  15,000 tickets trained in {seconds:.1f} s; predict p50 {p50:.1f} ms"
            f" p95 {p95:.1f} ms (CPU {cpu_ms:.1f} ms); model {size / 1e6:.1f} MB"
        )
    if args.api and (ROOT / "triage_api.py").exists():
        from triage_api import through_api  # noqa: PLC0415 - needs Django, which 1-3 do not

        through_api(by_label, args.api)


if __name__ == "__main__":
    main()

"""The index's vocabulary (every word once) and "did you mean" from it."""

import difflib
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models.functions import Length

from charterdesk.core import config_cache

from .models import Term
from .query import STOPWORDS, distinct_words_of

SHORTEST, LONGEST = 3, 32
CANDIDATES = 20_000  # words read for one correction, at most
BATCH = 500  # words written in one statement
KNOWN_AT_MOST = 100_000  # words this process remembers having seen committed


class _Known:
    """The words this process saw committed to the vocabulary: a word is never taken out
    of it, so writing one of these again would change nothing and is skipped. Learned
    only after a real commit (not a rolled-back transaction, nor a test's, which is rolled
    back at its end); forgotten with the configuration cache (a flushed database)."""

    def __init__(self) -> None:
        self.words: set[str] = set()  # read without the lock: one set operation, atomic
        self.lock = threading.Lock()

    def learn(self, words: list[str]) -> None:
        if connection.in_atomic_block:  # run inside an outer transaction: not committed yet
            return
        with self.lock:
            if len(self.words) >= KNOWN_AT_MOST:
                self.words.clear()
            self.words.update(words)

    def forget(self) -> None:
        with self.lock:
            self.words.clear()


_known = _Known()
config_cache.on_clear(_known.forget)


class _Gathering(threading.local):
    texts: list[str] | None = None


_gathering = _Gathering()


@contextmanager
def remembered_once() -> Iterator[None]:
    """Texts remembered inside are learned in one statement at the end (a new ticket's
    subject and its first message), still in the caller's transaction; nothing is learned
    when the block raises."""
    if _gathering.texts is not None:  # nested: the outer block writes
        yield
        return
    _gathering.texts = []
    try:
        yield
        texts = _gathering.texts
    finally:
        _gathering.texts = None
    remember(texts)


def remember(texts: Iterable[str]) -> None:
    """Add the words of `texts` to the vocabulary, in the caller's transaction. Sorted, so
    two writers adding the same new words take their locks in the same order."""
    if _gathering.texts is not None:
        _gathering.texts.extend(texts)
        return
    found = distinct_words_of("\n".join(texts))  # one pass: a line break is no word
    words = sorted(
        word
        for word in found - _known.words
        if SHORTEST <= len(word) <= LONGEST and word.isalpha() and word not in STOPWORDS
    )
    table = Term._meta.db_table
    # One statement per 500 words, without the ORM's objects: a new ticket and its
    # first message each learn their words in the writer's transaction.
    for start in range(0, len(words), BATCH):
        batch = words[start : start + BATCH]
        values = ", ".join(["(%s)"] * len(batch))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (word) VALUES {values} "  # noqa: S608 - placeholders
                "ON CONFLICT (word) DO NOTHING",
                batch,
            )
    if words:
        transaction.on_commit(lambda: _known.learn(words))


def corrections(words: Iterable[str], *, strict: bool) -> dict[str, str]:
    """For each word the vocabulary does not know, the closest word it does know.

    `strict` (the query found something): leave out a correction that is only another
    form of the same word ("certificates" for "certificate"), which stemming matched."""
    asked = {word for word in words if len(word) >= SHORTEST and word.isalpha()}
    known = set(Term.objects.filter(word__in=asked).values_list("word", flat=True))
    found: dict[str, str] = {}
    for word in sorted(asked - known):
        best = _closest(word)
        if best and not (strict and _same_word(word, best)):
            found[word] = best
    return found


def _closest(word: str) -> str | None:
    first = word[0]
    candidates = list(
        Term.objects.annotate(length=Length("word"))
        .filter(word__gte=first, word__lt=chr(ord(first) + 1))
        .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
        .values_list("word", flat=True)[:CANDIDATES]
    )
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def _same_word(a: str, b: str) -> bool:
    """Inflections of one word share all but their last few letters."""
    common = len(_common_prefix(a, b))
    return common >= 4 and common >= min(len(a), len(b)) - 3


def _common_prefix(a: str, b: str) -> str:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return a[:index]
    return a[: min(len(a), len(b))]

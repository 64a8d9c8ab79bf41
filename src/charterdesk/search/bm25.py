"""BM25 over a few candidate documents, in Python: the full-text half of a suggestion.

A suggestion only ranks the documents nearest in meaning to its text (vectors.py), at most
NEAREST_CANDIDATES rows that are read anyway. Scoring their words here costs about a
millisecond; asking the index instead (an FTS5 `MATCH`, a `tsquery`) walks the posting
lists of every common word of the text over the whole index, 70-200 ms at 100,000
articles (bench/RESULTS.md).

The words are the index's: lower case, diacritics removed, Porter stems (the stemmer of
SQLite's `porter` tokenizer). The formula is FTS5's `bm25()` (k1 1.2, b 0.75, the title
weighted as in the index), with one difference: the document frequencies are counted
among the candidates, so a word that more than half of them share ranks none above the
others. (Chosen on the dev half of bench/suggestions_quality.py over Lucene's
log(1 + ...) form: bench/RESULTS.md.)
"""

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import Stemmer

from .backends.base import START, STOP
from .index import DOCUMENTS

K1, B = 1.2, 0.75
TITLE_WEIGHT, BODY_WEIGHT = (column.bm25_weight for column in DOCUMENTS.columns)
SNIPPET_WORDS = 24
# Past this, a body is scored and cut into a snippet from its start only.
BODY_CHARS = 20_000
WORD = re.compile(r"[^\W_]+")

_local = threading.local()  # a Stemmer object is not safe to share between threads
_stems: dict[str, str] = {}
MAX_CACHED = 200_000
# The terms of the texts scored lately (a suggestion's candidates are mostly the same
# articles from one text to the next), by the text itself: a text's counts never change.
# About 15 KB an entry for a body of 3,000 characters (the text and its Counter): at
# most about 15 MB a process, emptied when full.
_counted: dict[str, tuple[int, Counter[str]]] = {}
MAX_COUNTED = 1_000


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("porter")
    return stemmer


def fold(text: str) -> str:
    """Lower case without diacritics (FTS5's unicode61 with remove_diacritics)."""
    text = text.lower()
    if text.isascii():
        return text
    split = unicodedata.normalize("NFKD", text)
    # The marks are looked up once per distinct character, not once per character.
    marks = {ord(c): None for c in set(split) if unicodedata.combining(c)}
    return split.translate(marks) if marks else split


def stems(words: Iterable[str]) -> list[str]:
    """The stem of each (folded) word, remembered across calls (a thread that empties the
    memory while another reads it costs that one a recomputation, never an error)."""
    words = list(words)
    found = {word: _stems.get(word) for word in set(words)}
    unknown = [word for word, stem in found.items() if stem is None]
    if unknown:
        made = dict(zip(unknown, _stemmer().stemWords(unknown), strict=True))
        found.update(made)
        if len(_stems) > MAX_CACHED:
            _stems.clear()
        _stems.update(made)
    return [found[word] or word for word in words]


def terms(text: str) -> list[str]:
    return stems(WORD.findall(fold(text)))


def scores(words: Sequence[str], documents: Sequence[tuple[str, str]]) -> list[float]:
    """The BM25 score of each (title, body) for any of `words` (0.0: none of them)."""
    query = set(stems(fold(word) for word in words))
    if not query or not documents:
        return [0.0] * len(documents)
    counted = []
    for title, body in documents:
        (title_length, in_title), (body_length, in_body) = (
            _counts(title),
            _counts(body[:BODY_CHARS]),
        )
        length = title_length + body_length
        frequency = {
            term: TITLE_WEIGHT * in_title[term] + BODY_WEIGHT * in_body[term] for term in query
        }
        counted.append((length, frequency))
    total = len(documents)
    average = sum(length for length, _ in counted) / total or 1.0
    idf = {}
    for term in query:
        having = sum(1 for _, frequency in counted if frequency[term])
        # FTS5's: a word in more than half of the candidates counts (almost) nothing.
        idf[term] = max(math.log((total - having + 0.5) / (having + 0.5)), 1e-6)
    return [
        sum(
            idf[term] * f * (K1 + 1) / (f + K1 * (1 - B + B * length / average))
            for term, f in frequency.items()
            if f
        )
        for length, frequency in counted
    ]


def _counts(text: str) -> tuple[int, Counter[str]]:
    """How many terms `text` has and each one's count, remembered across calls as `stems`
    does (the Counter is only ever read)."""
    found = _counted.get(text)
    if found is None:
        in_text = Counter(terms(text))
        found = (in_text.total(), in_text)
        if len(_counted) > MAX_COUNTED:
            _counted.clear()
        _counted[text] = found
    return found


def marked(text: str, words: Sequence[str], prefixes: Sequence[str] = ()) -> str:
    """`text` with START/STOP around each word that matches one of `words` (by stem) or
    begins with one of `prefixes`."""
    return _marked(text, _matcher(words, prefixes))


def _marked(text: str, matches: Callable[[str], bool]) -> str:
    return WORD.sub(
        lambda m: f"{START}{m.group(0)}{STOP}" if matches(m.group(0)) else m.group(0), text
    )


def _matcher(words: Sequence[str], prefixes: Sequence[str]) -> Callable[[str], bool]:
    """Whether a word matches; each distinct word is folded and stemmed once per matcher."""
    query = set(stems(fold(word) for word in words))
    starts = tuple(fold(prefix) for prefix in prefixes if prefix)
    seen: dict[str, bool] = {}

    def matches(word: str) -> bool:
        found = seen.get(word)
        if found is None:
            folded = fold(word)
            found = stems([folded])[0] in query or bool(starts and folded.startswith(starts))
            seen[word] = found
        return found

    return matches


def snippet(body: str, words: Sequence[str], prefixes: Sequence[str] = ()) -> str:
    """About SNIPPET_WORDS words of `body` around its first match (its start without
    one), the matches marked, "…" where the text was cut."""
    body = body[:BODY_CHARS]
    found = list(WORD.finditer(body))
    if not found:
        return ""
    matches = _matcher(words, prefixes)
    first_match = next((i for i, m in enumerate(found) if matches(m.group(0))), None)
    first = max(0, first_match - SNIPPET_WORDS // 4) if first_match is not None else 0
    last = min(len(found), first + SNIPPET_WORDS) - 1
    whole_end = last == len(found) - 1
    start = found[first].start() if first else 0
    end = len(body) if whole_end else found[last].end()
    text = _marked(body[start:end].strip(), matches)
    return ("…" if first else "") + text + ("" if whole_end else "…")

"""Answers found outside the knowledge base (the community forum's answered topics),
shown beside articles in help-center search and in the suggestions while a customer
writes a request, marked with where they come from.

A higher app registers a finder in its AppConfig.ready (knowledge cannot import it):

    elsewhere.register(find)   # find(question: Question) -> list[Answer]

The finder applies the reader's permissions itself: it returns only what
`question.reader` may read."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import SafeString

from charterdesk.core.hooks import check_handler

from .selectors import Reader


@dataclass(frozen=True)
class Question:
    reader: Reader
    text: str
    similar: bool  # True: free text (a draft request); False: a search query
    limit: int = 5


@dataclass(frozen=True)
class Answer:
    source: str  # "community"
    label: str  # shown to the reader: "Community"
    title: str
    url: str
    snippet: SafeString  # escaped, <mark> around matches
    answered: bool  # has an accepted answer


Finder = Callable[[Question], list[Answer]]
_finders: list[Finder] = []


def register(finder: Finder) -> Finder:
    check_handler("knowledge.elsewhere", finder)
    if finder in _finders:
        raise ImproperlyConfigured(f"knowledge.elsewhere: {finder!r} registered twice")
    _finders.append(finder)
    return finder


def answers_elsewhere(reader: Reader, text: str, *, similar: bool, limit: int = 5) -> list[Answer]:
    """What every registered finder has for this reader and text, finder by finder."""
    text = text.strip()
    if not text:
        return []
    question = Question(reader, text, similar, limit)
    return [answer for finder in _finders for answer in finder(question)]

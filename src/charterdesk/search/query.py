"""The query language, parsed into a plain structure that each backend turns into its own
syntax (pure Python: no Django, no database).

    saml "certificate expired" OR "cert expired" -staging renew*
    status:open type:downtime org:acme assignee:me tier:2 requester:alice@acme.example tag:vip
    category:billing category:"Billing › Refunds"
    created>2026-11-01 created<2026-12-01
    #123   or   123   (jump straight to ticket 123)

Words are ANDed; `OR` between two terms joins them; `-` excludes a term; `*` at the end of
a word matches every word it begins; "quotes" keep a phrase together. Stemming is the
backend's (English: "renewing" finds "renewed"). `field:value` pairs become filters; a
pair with an unknown field stays text (so `http://…` or `10:30` are searched as typed).
"""

import re
from dataclasses import dataclass, field
from datetime import date

FIELDS = ("status", "type", "org", "assignee", "tier", "requester", "tag", "category")
MAX_TERMS = 32  # more than anyone types; keeps a pasted page from becoming a huge query
WORD = re.compile(r"\w+", re.UNICODE)
TOKEN = re.compile(
    r"""
    (?P<neg>-)?
    (?:
        (?P<field>[A-Za-z]+)(?P<op>[:<>])(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>\S*))
      | "(?P<phrase>[^"]*)"?
      | (?P<word>\S+)
    )
    """,
    re.VERBOSE,
)
JUMP = re.compile(r"#?(\d{1,12})")

# Words too common to carry meaning; dropped from `similar` text and from suggestions.

_STOPWORDS = """a about after again all also am an and any are as at be because been before
    being but by
    can could did do does doing for from had has have having he her here hers him his how i
    if in into is it its just me more most my no nor not now of off on once only or other
    our out over own same she should so some such than that the their them then there these
    they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours hi hello thanks thank please regards"""
STOPWORDS = frozenset(_STOPWORDS.split())


class QueryError(ValueError):
    """A query that cannot be run as typed; the message says why, for the person."""


@dataclass(frozen=True)
class Term:
    """One word, a phrase (several words in order) or a prefix (`renew*`)."""

    words: tuple[str, ...]
    prefix: bool = False
    # One typed token that holds several words (an address, a host name, a path): as
    # typed, for engines whose parser keeps such a token whole (PostgreSQL's).
    raw: str = field(default="", compare=False)

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    def __str__(self) -> str:
        text = " ".join(self.words)
        if self.is_phrase:
            return f'"{text}"'
        return f"{text}*" if self.prefix else text


@dataclass
class Query:
    """`groups` are ANDed; the terms of one group are ORed. A document must match every
    group and none of `excluded`."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    created_after: date | None = None
    created_before: date | None = None
    jump_to: int | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.groups)

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.excluded or self.has_filters)

    @property
    def has_filters(self) -> bool:
        return bool(self.filters or self.created_after or self.created_before)

    def terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]

    def text(self) -> str:
        """The query written back in the query language (for "did you mean")."""
        parts = [" OR ".join(str(term) for term in group) for group in self.groups]
        parts += [f"-{term}" for term in self.excluded]
        parts += [
            field_text(name, value) for name, values in self.filters.items() for value in values
        ]
        if self.created_after:
            parts.append(f"created>{self.created_after.isoformat()}")
        if self.created_before:
            parts.append(f"created<{self.created_before.isoformat()}")
        return " ".join(parts)

    def replaced(self, corrections: dict[str, str]) -> "Query":
        """The same query with single words replaced (spelling corrections)."""

        def fix(term: Term) -> Term:
            if term.is_phrase or term.prefix:
                return term
            return Term((corrections.get(term.words[0], term.words[0]),))

        return Query(
            groups=[[fix(term) for term in group] for group in self.groups],
            excluded=list(self.excluded),
            filters=dict(self.filters),
            created_after=self.created_after,
            created_before=self.created_before,
        )


def field_text(name: str, value: str) -> str:
    """`name:value` in the query language, quoted when the value has spaces."""
    value = value.replace('"', "").strip()
    return f'{name}:"{value}"' if " " in value else f"{name}:{value}"


def words_of(text: str) -> list[str]:
    """The words of a text as the index sees them: lower case, letters and digits."""
    return [w.lower() for w in WORD.findall(text)]


# An ASCII text's characters that are not `WORD`'s, as spaces: str.split() then finds
# the same words as WORD.findall, in C without the regular expression.
_ASCII_NON_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


def distinct_words_of(text: str) -> set[str]:
    """`set(words_of(text))`, each word lowered once however often it occurs. An ASCII
    text (most) is lowered whole first, the same words for less work: one C pass instead
    of one lower() per word and a second set (vocabulary.remember runs this on every new
    ticket and message)."""
    if text.isascii():
        return set(text.lower().translate(_ASCII_NON_WORD).split())
    return {w.lower() for w in set(WORD.findall(text))}


def parse(text: str) -> Query:
    """Parse what a person typed. Raises QueryError for what cannot be searched (a bad
    date, a field given no value); everything else is searched as typed."""
    query = Query()
    text = text.strip()
    jump = JUMP.fullmatch(text)
    if jump:
        query.jump_to = int(jump.group(1))
        return query
    pending_or = False
    for match in TOKEN.finditer(text):
        negative = bool(match.group("neg"))
        if match.group("field") and _field(query, match, negative):
            continue
        if match.group("word") == "OR" and not negative:
            pending_or = bool(query.groups)
            continue
        term = _term(match)
        if term is None:
            continue
        if negative:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
    if len(query.terms()) + len(query.excluded) > MAX_TERMS:
        raise QueryError(f"Use at most {MAX_TERMS} words.")
    return query


def _term(match: re.Match[str]) -> Term | None:
    raw = match.group("phrase")
    if raw is None:
        raw = match.group("word") or match.group(0).lstrip("-")
        prefix = raw.endswith("*")
        words = words_of(raw)
        if not words:
            return None
        raw = raw.rstrip("*") if len(words) > 1 else ""
        return Term(tuple(words), prefix=prefix and len(words) == 1, raw=raw.lower())
    words = words_of(raw)
    return Term(tuple(words)) if words else None


def _field(query: Query, match: re.Match[str], negative: bool) -> bool:
    """Record a `field:value` filter; False when the field is not one of ours (text)."""
    name, op = match.group("field").lower(), match.group("op")
    value = match.group("fquoted")
    if value is None:
        value = match.group("fvalue") or ""
    value = value.strip()
    if name == "created" and op in "<>":
        if not value:
            raise QueryError("Give a date after created> or created<, such as 2026-11-01.")
        try:
            day = date.fromisoformat(value)
        except ValueError as exc:
            raise QueryError(f"'{value}' is not a date; write it as 2026-11-01.") from exc
        if op == ">":
            query.created_after = day
        else:
            query.created_before = day
        return True
    if op != ":" or name not in FIELDS or negative:
        return False
    if not value:
        raise QueryError(f"Give a value after {name}:, such as {name}:{_EXAMPLES[name]}.")
    query.filters.setdefault(name, []).append(value)
    return True


_EXAMPLES = {
    "status": "open",
    "type": "downtime",
    "org": "acme",
    "assignee": "me",
    "tier": "2",
    "requester": "alice@acme.example",
    "tag": "vip",
    "category": "billing",
}


def significant_words(text: str, limit: int = 12) -> list[str]:
    """The words of a free text worth searching for (no stop words, no repeats), longest
    first: for "more like this" searches."""
    seen: dict[str, None] = {}
    for word in words_of(text):
        if len(word) > 2 and word not in STOPWORDS and not word.isdigit():
            seen.setdefault(word, None)
    return sorted(seen, key=len, reverse=True)[:limit]

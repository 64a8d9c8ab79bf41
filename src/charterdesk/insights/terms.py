"""The significant words of a subject, as spikes and knowledge gaps group tickets by them:
four letters or more, letters only, not a stop word of the search index."""

from charterdesk.search.query import STOPWORDS, words_of


def significant_terms(subject: str) -> set[str]:
    return {w for w in words_of(subject) if len(w) > 3 and w.isalpha() and w not in STOPWORDS}

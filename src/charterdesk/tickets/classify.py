"""A first guess of the request type from a request's text (mail and API without a type).

Deliberately simple and explainable: weighted phrases per type. Agents reclassify when it
is wrong, and every reclassification is recorded, which later trains a better model.
"""

import re

from charterdesk.core.vocabulary import RequestType

_PHRASES: dict[RequestType, tuple[tuple[str, int], ...]] = {
    RequestType.DOWNTIME: (
        (r"\b(is|are|went|goes|site|service|app|api|everything) (down|offline)\b", 5),
        (r"\b(outage|unreachable|unavailable|not loading|won'?t load|cannot connect)\b", 4),
        (r"\b(502|503|504|bad gateway|gateway time-?out)\b", 4),
        (r"\bdown\b", 2),
        (r"\b(production|prod) (is )?(broken|dead)\b", 4),
    ),
    RequestType.ERROR: (
        (r"\b(error|exception|traceback|stack ?trace|crash(es|ed)?|bug)\b", 3),
        (r"\b(fails?|failed|failing|broken|doesn'?t work|not working|wrong)\b", 2),
        (r"\b(500|404|403|401)\b", 2),
    ),
    RequestType.HOW_TO: (
        (r"\bhow (do|can|should|would) (i|we|you)\b", 4),
        (r"\bhow to\b", 4),
        (r"\b(where (do|can) i|is it possible|can i|documentation|docs|tutorial)\b", 2),
    ),
    RequestType.CONSULTING: (
        (r"\b(best (way|practice|approach)|recommend(ation)?s?|advice|advise)\b", 4),
        (r"\b(architecture|design review|migration plan|strategy|audit|workshop)\b", 3),
        (r"\b(what would you suggest|help us (plan|design))\b", 4),
    ),
}
_COMPILED = {
    kind: [(re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in phrases]
    for kind, phrases in _PHRASES.items()
}


def guess_request_type(subject: str, body: str) -> RequestType:
    """The most likely request type; `how_to` when nothing points anywhere."""
    text = f"{subject}\n{subject}\n{body[:20_000]}"  # the subject counts twice
    scores = {
        kind: sum(weight * len(pattern.findall(text)) for pattern, weight in patterns)
        for kind, patterns in _COMPILED.items()
    }
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] > 0 else RequestType.HOW_TO

"""A small ticket history for the triage tests: four categories, phrased many ways."""

import itertools

from charterdesk.triage.services import TrainingTicket

_PHRASES = {
    "refund": (
        [
            "I want my money back for",
            "Please refund",
            "Refund request for",
            "Can I get a refund on",
        ],
        ["the annual invoice", "last month's charge", "the double payment", "my subscription fee"],
        "how_to",
    ),
    "password": (
        ["I cannot log in,", "Password reset needed:", "Locked out of my account,", "Login fails,"],
        [
            "the reset link expired",
            "my password is not accepted",
            "two-factor code is wrong",
            "forgot password",
        ],
        "how_to",
    ),
    "outage": (
        [
            "The site is down:",
            "Outage right now,",
            "Service unavailable,",
            "Everything is offline:",
        ],
        [
            "502 bad gateway on every page",
            "the dashboard will not load",
            "API returns 503",
            "nothing responds",
        ],
        "downtime",
    ),
    "export": (
        [
            "Export to CSV is broken,",
            "The report export crashes,",
            "Error when exporting",
            "Export fails:",
        ],
        [
            "the file is empty",
            "an exception in the download",
            "columns are wrong",
            "the spreadsheet is cut",
        ],
        "error",
    ),
}


CATEGORIES = tuple(_PHRASES)


def history(per_category: int = 16, labels: dict[str, str] | None = None) -> list[TrainingTicket]:
    """The tickets, labelled by category name, or by `labels[name]` (e.g. category ids)."""
    tickets = []
    for name, (starts, ends, kind) in _PHRASES.items():
        label = labels[name] if labels else name
        pairs = list(itertools.product(starts, ends))[:per_category]
        tickets += [TrainingTicket(f"{a} {b}", f"{a} {b}. Thanks.", label, kind) for a, b in pairs]
    return tickets

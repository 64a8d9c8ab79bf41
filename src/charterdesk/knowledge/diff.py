"""The difference between two versions of an article, line by line."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    kind: str  # "same", "added", "removed"
    text: str


def line_diff(old: str, new: str, *, context: int = 3) -> list[Line]:
    """The lines that differ, with `context` unchanged lines around each change
    (a line of kind "gap" stands for the unchanged lines left out)."""
    rows: list[Line] = []
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if rows:
            rows.append(Line("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [Line("same", text) for text in a[i1:i2]]
                continue
            rows += [Line("removed", text) for text in a[i1:i2]]
            rows += [Line("added", text) for text in b[j1:j2]]
    return rows

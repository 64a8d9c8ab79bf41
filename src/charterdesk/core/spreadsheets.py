"""CSV that is safe to open in a spreadsheet: text that would run as a formula (a name
beginning with `=`, `+`, `-` or `@`) is written with a leading quote."""

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` over any file-like object (an HttpResponse too), every cell made safe."""

    def __init__(self, out: Any) -> None:
        self.writer = csv.writer(out)

    def writerow(self, row: Iterable[object]) -> None:
        self.writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)

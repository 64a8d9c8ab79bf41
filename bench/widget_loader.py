"""The help widget's weight: the loader a vendor's page loads (the budget is 10 kB gzipped)
and what the iframe loads once opened, raw and gzipped (level 9), against the budget.

    python bench/widget_loader.py

The time from the script tag to the launcher is measured in a browser by
`pytest tests/browser/test_widget_on_another_origin.py -k launcher -s -m "browser or slow"`.
"""

import gzip
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "src" / "charterdesk" / "widget" / "static"
FILES = {
    "loader.js (host page)": STATIC / "widget" / "loader.js",
    "frame.js (iframe)": STATIC / "widget" / "frame.js",
    "frame.css (iframe)": STATIC / "widget" / "frame.css",
}
BUDGET = 10 * 1024


def main() -> None:
    print("| file | raw | gzipped | share of the 10 kB budget |")
    print("|---|---|---|---|")
    for name, path in FILES.items():
        raw = path.read_bytes()
        packed = len(gzip.compress(raw, 9))
        print(f"| {name} | {len(raw):,} B | {packed:,} B | {packed / BUDGET:.0%} |")


if __name__ == "__main__":
    main()

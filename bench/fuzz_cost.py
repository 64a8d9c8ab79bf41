"""What the API fuzzer sends: schemathesis's coverage-phase cases (explicit examples run in
full, whatever `max_examples` says) counted for each role of tests/api/test_fuzz_*.py, with
the configuration those tests use against every case for every role (the fuzzer before
the negative coverage cases went only to the role that reaches furthest).

Counting needs no server and no database, so the figures do not depend on the machine's
load; the CPU seconds spent generating the cases are printed too.

    PYTHONPATH=src python bench/fuzz_cost.py
"""

import argparse
import json
import sys
import time
from collections import Counter
from typing import Any

import django
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.drivers import CoverageGenerator
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.overrides import Override

FUZZ_EXAMPLES = {"agent": 10, "customer": 4, "manager": 10}  # the tests' max_examples


def openapi() -> dict[str, Any]:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterdesk.settings")
    django.setup()
    from django.test import Client

    return json.loads(Client().get("/api/v1/openapi.json").content)


def coverage_cases(raw: dict[str, Any], config: dict[str, Any] | None, only: str = "") -> Counter:
    schema = schemathesis.openapi.from_dict(
        raw, config=SchemathesisConfig.from_dict(config) if config is not None else None
    )
    if only:
        schema = schema.include(path_regex=only)
    counts: Counter = Counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        generation = schema.config.generation_for(operation=operation, phase="coverage")
        cases = CoverageGenerator(
            operation=operation,
            generation_modes=generation.modes,
            generation_config=generation,
            auth_storage=None,
            override=Override(),
            feedback=FeedbackSources(),
        )
        counts["cases"] += sum(1 for _ in cases)
        counts["operations"] += 1
    return counts


def main() -> int:
    argparse.ArgumentParser(description=__doc__).parse_args()
    raw = openapi()
    sys.path.insert(0, ".")
    from tests.api.test_fuzz_every_operation import CONFIGURATION, POSITIVE_BOUNDARIES_ONLY

    agent_now = {
        "operations": [{"include-path-regex": CONFIGURATION, "phases": POSITIVE_BOUNDARIES_ONLY}]
    }
    runs = {
        # role: (cases before, cases now)
        "agent": ((None, ""), (agent_now, "")),
        "customer": ((None, ""), ({"phases": POSITIVE_BOUNDARIES_ONLY}, "")),
        "manager": ((None, CONFIGURATION), (None, CONFIGURATION)),
    }
    totals = Counter()
    print("| role | operations | coverage cases before | now | random examples, at most (both) |")
    print("|---|---|---|---|---|")
    for role, (before, now) in runs.items():
        started = time.process_time()
        old = coverage_cases(raw, *before)
        new = coverage_cases(raw, *now)
        random = old["operations"] * FUZZ_EXAMPLES[role]
        totals["before"] += old["cases"] + random
        totals["now"] += new["cases"] + random
        print(
            f"| {role} | {old['operations']} | {old['cases']:,} | {new['cases']:,} "
            f"| {random:,} | ({time.process_time() - started:.1f} s CPU to count)"
        )
    print(
        f"requests in all: {totals['before']:,} before, {totals['now']:,} now "
        f"({totals['now'] / totals['before']:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

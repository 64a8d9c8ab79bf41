#!/usr/bin/env bash
# Before/after in one run: the three hot paths (ticket creation through the API in-process,
# the agent queue's first page at 10,000 tickets, mail ingestion) for each checkout given,
# alternating, twice, each checkout's own bench scripts against its own code.
#
#   bench/compare_checkouts.sh /path/to/before /path/to/after [...]
#
# Make the other checkouts with `git worktree add /tmp/before <commit>`. Uses this
# checkout's virtual environment (PYTHONPATH points each run at its checkout's src).
set -u
PY=${PY:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}
ROUNDS=${ROUNDS:-2}
for round in $(seq 1 "$ROUNDS"); do
  for side in "$@"; do
    echo "=== round $round: $side ($(git -C "$side" rev-parse --short HEAD))"
    cd "$side" || exit 2
    PYTHONPATH=$side/src $PY bench/create_inprocess.py --db sqlite --runs 3 --creates 200 | tail -1
    PYTHONPATH=$side/src $PY bench/queue_page.py --db sqlite --sizes 10000 | grep "^| 10"
    PYTHONPATH=$side/src $PY bench/mail_ingest.py --db sqlite --messages 1000 \
      | grep -i "msg/s\|per message"
  done
done

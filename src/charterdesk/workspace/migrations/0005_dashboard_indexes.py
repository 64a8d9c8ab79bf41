"""Indexes for the dashboard's aggregates (workspace.dashboard), on the tickets table.

Written as SQL that both SQLite and PostgreSQL take, in this app's migration so the
tickets app's models stay as they are. Each names the panel it serves:

- open and unassigned by queue: (queue, assignee) over open tickets only, so the count is
  read from the index alone (the queue's own partial indexes lack the assignee);
- backlog age: creation time over open tickets only;
- created per day: creation time;
- first replies per day with their durations: (first reply, creation) where replied;
- solved per day with resolution times: (solved, creation) where solved.

The deadlines panel uses the SLA app's partial index clock_breach_sweep as it is.
"""

from django.db import migrations

from charterdesk.workspace.dashboard.indexes import INDEXES, create_sql



class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0004_ticket_links"),
        ("tickets", "0012_merge_problem_default"),
    ]

    operations = [
        migrations.RunSQL(
            sql=create_sql(name),
            reverse_sql=f'DROP INDEX IF EXISTS "{name}"',
        )
        for name in INDEXES
    ]

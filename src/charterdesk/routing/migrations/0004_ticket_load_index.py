"""An index for agents' loads (open tickets per assignee weighted by priority): the grouped
query of routing.assignment reads only this index (a covering index scan) instead of every
assigned ticket's row.

It lives on the tickets table but serves routing's query only, so routing owns it. The
query filters on `status` rather than the generated `in_queue` column: SQLite does not
cover a query that reads a generated column from an index. Partial on assigned tickets,
so the queue's unassigned backlog costs nothing here.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("routing", "0003_routing_rules_and_follow_the_sun"),
        ("tickets", "0002_queue_indexes_on_in_queue"),
    ]

    operations = [
        migrations.RunSQL(
            sql='CREATE INDEX "routing_ticket_load" ON "tickets_ticket" '
            '("assignee_id", "status", "priority") WHERE "assignee_id" IS NOT NULL',
            reverse_sql='DROP INDEX "routing_ticket_load"',
        ),
    ]

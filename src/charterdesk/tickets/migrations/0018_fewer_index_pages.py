"""Fewer indexes written by every ticket creation (issue #13, bench/wal_pages.py).

The foreign keys whose column leads a composite index lose their own index (the composite
serves every look-up: `= x`, `IN (...)` of a deletion), and those of mostly-empty foreign
keys become partial (`IS NOT NULL`). The indexes are dropped by name: Django's own
AlterField would rebuild each table on SQLite (copying every row, and losing the triggers
that the search index, trend marks and agents' loads keep on them).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


DROPPED = [
    ("tickets_ticket", "organization_id", "tickets_ticket_organization_id_7128da48"),
    ("tickets_ticket", "requester_id", "tickets_ticket_requester_id_2072a2f2"),
    ("tickets_ticket", "contract_id", "tickets_ticket_contract_id_8bd9dce0"),
    ("tickets_ticket", "category_id", "tickets_ticket_category_id_710dbfd0"),
    ("tickets_ticket", "merged_into_id", "tickets_ticket_merged_into_id_3a36ad40"),
    ("tickets_ticket", "category_set_by_id", "tickets_ticket_category_set_by_id_cba23490"),
    ("tickets_ticket", "product_ref_id", "tickets_ticket_product_ref_id_8d918fed"),
    ("tickets_ticket", "product_version_id", "tickets_ticket_product_version_id_5f739768"),
    ("tickets_message", "ticket_id", "tickets_message_ticket_id_a1134910"),
    ("tickets_message", "author_id", "tickets_message_author_id_e13a9dd8"),
    ("tickets_message", "author_contact_id", "tickets_message_author_contact_id_bebb2875"),
    ("tickets_ticketevent", "ticket_id", "tickets_ticketevent_ticket_id_b572d14b"),
    ("tickets_ticketevent", "actor_id", "tickets_ticketevent_actor_id_2a65fff2"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0008_remove_organization_domains_before"),
        ("plans", "0008_plan_incident_rule_per_plan"),
        ("products", "0002_organizations_use_products"),
        ("routing", "0007_routing_rule_categories"),
        ("tickets", "0017_category_outside_scope"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")',
                )
                for table, column, name in DROPPED
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="message",
                    name="author",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="messages",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="message",
                    name="author_contact",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="messages",
                        to="customers.contact",
                    ),
                ),
                migrations.AlterField(
                    model_name="message",
                    name="ticket",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="messages",
                        to="tickets.ticket",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="category",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tickets",
                        to="tickets.category",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="category_set_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="The person who set the category (none for a rule, the model or an import).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="contract",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tickets",
                        to="plans.contract",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="merged_into",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="The ticket this duplicate was merged into: mail to it lands there.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="merged_tickets",
                        to="tickets.ticket",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="organization",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tickets",
                        to="customers.organization",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="product_ref",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="The catalogue entry of `product` (kept in step with it).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tickets",
                        to="products.product",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="product_version",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tickets",
                        to="products.productversion",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="requester",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tickets",
                        to="customers.contact",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticketevent",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="ticket_events",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="ticketevent",
                    name="ticket",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="tickets.ticket",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("author__isnull", False)),
                fields=["author"],
                name="message_by_author",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("author_contact__isnull", False)),
                fields=["author_contact"],
                name="message_by_author_contact",
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("product_ref__isnull", False)),
                fields=["product_ref"],
                name="ticket_by_product",
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("product_version__isnull", False)),
                fields=["product_version"],
                name="ticket_by_product_version",
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("category_set_by__isnull", False)),
                fields=["category_set_by"],
                name="ticket_category_set_by",
            ),
        ),
        migrations.AddIndex(
            model_name="ticketevent",
            index=models.Index(
                condition=models.Q(("actor__isnull", False)),
                fields=["actor"],
                name="event_by_actor",
            ),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_email_unique_in_any_case"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="role",
            field=models.CharField(
                choices=[
                    ("customer", "Customer contact"),
                    ("agent", "Agent"),
                    ("team_lead", "Team lead"),
                    ("manager", "Support manager"),
                    ("admin", "Administrator"),
                    ("operator", "Operator"),
                ],
                default="customer",
                max_length=16,
            ),
        ),
        migrations.AlterModelOptions(
            name="apitoken",
            options={"ordering": ["-created_at", "-id"]},
        ),
        # Tokens made before scopes existed keep what they could do: read and write.
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(
                default=list,
                help_text="Any of read, write, admin: what requests the token may make.",
            ),
        ),
        migrations.RunSQL(
            "UPDATE accounts_apitoken SET scopes = '[\"read\", \"write\"]'",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Refused from this time on; empty: never expires.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]

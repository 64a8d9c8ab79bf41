"""One account per address whatever its case: addresses are stored lower case and a
unique index on lower(email) refuses a second one in another case."""

from django.db import migrations


def lower_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    seen = {}
    for user in User.objects.order_by("id"):
        lowered = user.email.strip().lower()
        if lowered in seen and seen[lowered] != user.pk:
            raise RuntimeError(
                f"Two accounts use {lowered} in different cases (ids {seen[lowered]} and "
                f"{user.pk}): change or merge one of them, then migrate again."
            )
        seen[lowered] = user.pk
        if lowered != user.email:
            User.objects.filter(pk=user.pk).update(email=lowered)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_sign_in_sessions_and_invitations")]

    operations = [
        migrations.RunPython(lower_emails, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX accounts_user_email_any_case ON accounts_user (LOWER(email));",
            "DROP INDEX accounts_user_email_any_case;",
        ),
    ]

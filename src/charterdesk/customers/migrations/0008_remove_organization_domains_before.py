from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0007_copy_organization_domains_into_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="organization", name="domains_before"),
        migrations.AlterField(
            model_name="organization",
            name="language",
            field=models.CharField(
                blank=True,
                help_text="The language its contacts write in: en, de, pt-br…",
                max_length=8,
            ),
        ),
    ]

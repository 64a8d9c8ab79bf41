from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0007_copy_organization_domains_into_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="organization", name="domains_before"),
    ]

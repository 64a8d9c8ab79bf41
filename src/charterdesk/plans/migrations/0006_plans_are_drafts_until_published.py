# Plans that existed before drafts were introduced were public: they stay published.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0005_plan_and_contract_rules_in_the_database'),
        ('sla', '0004_override_reason_is_internal'),
    ]

    operations = [
        migrations.AddField(
            model_name='plan',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='plan',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='published', max_length=10),
        ),
        migrations.AlterField(
            model_name='plan',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', help_text='Only published plans are on the coverage page and can be sold.', max_length=10),
        ),
        migrations.AddConstraint(
            model_name='plan',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'published'])), name='plan_status_valid'),
        ),
    ]

"""Copy a set-up: export, import into an empty database, export again: the same file."""

import json

from django.core.management import call_command

from charterdesk.configuration.transfer import configuration_export, configuration_import
from charterdesk.plans.models import Plan


def test_export_then_import_into_an_empty_database_gives_the_same_export(personas):
    first = configuration_export()
    assert first["plans"] and first["contracts"] and first["agents"]
    call_command("flush", interactive=False, verbosity=0)
    assert not Plan.objects.exists()

    report = configuration_import(json.loads(json.dumps(first)))

    assert report.errors == {}
    assert configuration_export() == first


def test_importing_the_same_file_again_changes_nothing(personas):
    document = configuration_export()

    report = configuration_import(document)

    assert report.errors == {}
    assert {c.action for c in report.changes} == {"unchanged"}

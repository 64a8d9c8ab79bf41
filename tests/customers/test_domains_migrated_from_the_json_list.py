"""The mail domains kept as a JSON list before become verified OrganizationDomain rows
(data migration 0007): mail from them keeps reaching their organization after the
upgrade. A domain listed twice is kept once, for the first organization; a malformed
one is dropped. (Run on stand-ins of the historical models: rebuilding SQLite tables
backwards inside the test database is not reliable.)"""

import importlib
from types import SimpleNamespace

migration = importlib.import_module(
    "charterdesk.customers.migrations.0007_copy_organization_domains_into_rows"
)


class _Rows:
    created: list = []

    def __init__(self, **fields):
        self.__dict__.update(fields)

    class objects:  # noqa: N801 - stands in for a manager
        @staticmethod
        def bulk_create(rows, batch_size):
            _Rows.created = list(rows)


class _Organizations:
    listed: list = []

    class objects:  # noqa: N801
        @staticmethod
        def order_by(field):
            return SimpleNamespace(only=lambda *names: _Organizations.listed)


def test_json_domains_become_verified_rows():
    _Organizations.listed = [
        SimpleNamespace(pk=1, domains_before=[" OldCo.example ", "old.test"]),
        SimpleNamespace(pk=2, domains_before=["old.test", "not a domain", "copy.example"]),
        SimpleNamespace(pk=3, domains_before="not a list"),
    ]
    models = {"Organization": _Organizations, "OrganizationDomain": _Rows}
    apps = SimpleNamespace(get_model=lambda app, name: models[name])
    migration.forwards(apps, None)
    found = [(row.organization_id, row.domain, row.verified_by) for row in _Rows.created]
    assert found == [
        (1, "oldco.example", "before"),
        (1, "old.test", "before"),
        (2, "copy.example", "before"),
    ]
    assert all(row.verified_at is not None for row in _Rows.created)

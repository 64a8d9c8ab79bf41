"""Every text the demo writes reads like real support work: no "lorem ipsum", "TODO", "foo",
"xxx" or "test" left where a person would have written something."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(
    r"lorem|ipsum|\btodo\b|\bfixme\b|\bfoo\b|\bbar\b|\bbaz\b|xxx|\basdf|\bdummy\b|"
    r"\bplaceholder\b|\bsample text\b|…|\.\.\.|(?<!load )\btest(ing)?\b",
    re.IGNORECASE,
)
# Machine values (secrets, digests, stored file names), not words a person wrote.
SKIPPED = re.compile(r"password|token|key|hash|secret|digest|salt|session|storage|path")


def _demo_texts():
    for model in apps.get_app_configs():
        if not model.name.startswith("charterdesk"):
            continue
        for table in model.get_models():
            fields = [
                f.name
                for f in table._meta.get_fields()
                if isinstance(f, (models.CharField, models.TextField))
                and not f.choices
                and not SKIPPED.search(f.name)
            ]
            for row in table.objects.values("pk", *fields):
                for name in fields:
                    if row[name]:
                        yield f"{table.__name__}.{name}#{row['pk']}", str(row[name])


def test_no_demo_text_is_a_placeholder(personas):
    call_command("demo")
    texts = list(_demo_texts())
    assert len(texts) > 100
    found = [(where, text) for where, text in texts if PLACEHOLDER.search(text)]
    assert found == []


def test_the_placeholder_check_catches_what_it_looks_for():
    for text in ("Lorem ipsum dolor", "TODO: write", "foo", "XXX", "test ticket", "Reply …"):
        assert PLACEHOLDER.search(text), text
    assert not PLACEHOLDER.search("A load test at 10× volume")

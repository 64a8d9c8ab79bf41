"""Every save is a version; any two versions compare line by line; restoring an old one
saves its text again as the newest version."""

import pytest

from charterdesk.knowledge.diff import line_diff
from charterdesk.knowledge.services import article_create, article_restore, article_save

pytestmark = pytest.mark.django_db


def test_every_save_is_a_version_and_an_old_one_can_be_restored(personas):
    article = article_create(author=personas.tier1, title="Export invoices", body="Step one.")
    article_save(
        article, author=personas.tier2, title="Export invoices", body="Step one.\nStep two."
    )
    article_save(
        article, author=personas.tier2, title="Export invoices", body="Step one.\nStep two."
    )
    assert list(article.versions.values_list("number", flat=True)) == [2, 1]  # no empty save
    restored = article_restore(article, personas.tier1, number=1)
    assert restored.number == 3
    assert restored.body == "Step one."
    assert restored.note == "Restored version 1"
    assert article.latest_version == restored


def test_diff_shows_removed_and_added_lines():
    lines = line_diff("Open Billing.\nClick PDF.\nDone.", "Open Billing.\nClick Download.\nDone.")
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "Open Billing."),
        ("removed", "Click PDF."),
        ("added", "Click Download."),
        ("same", "Done."),
    ]


def test_history_page_compares_two_versions(personas, login):
    article = article_create(author=personas.tier1, title="Export invoices", body="Click PDF.")
    article_save(article, author=personas.tier1, title="Export invoices", body="Click Download.")
    page = login(personas.tier1).get(f"/desk/articles/{article.pk}/history?a=1&b=2")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<span class="removed">− Click PDF.</span>' in html
    assert '<span class="added">+ Click Download.</span>' in html

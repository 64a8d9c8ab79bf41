"""A reader sees each article in their language where a translation exists, else the
original; the article page links its other languages."""

import pytest

from charterdesk.knowledge.services import article_create, article_publish

from .helpers import published

pytestmark = pytest.mark.django_db


def test_help_center_shows_the_translation_and_falls_back_to_the_original(client, personas):
    m = personas.manager
    original = published(m, "Download invoices as PDF")
    published(m, "Set up SAML single sign-on")
    german = article_create(
        author=m, title="Rechnungen als PDF herunterladen", body="Öffnen Sie Abrechnung.",
        language="de", translation_of=original, category=original.category,
    )  # fmt: skip
    article_publish(german, m)
    in_german = client.get("/help/?lang=de").content.decode()
    assert "Rechnungen als PDF herunterladen" in in_german
    assert "Download invoices as PDF" not in in_german
    assert "Set up SAML single sign-on" in in_german  # no translation: the original
    in_english = client.get("/help/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Rechnungen" not in in_english.content.decode()
    page = client.get(f"/help/articles/{german.pk}-{german.slug}/").content.decode()
    assert f'hreflang="en" href="http://testserver/help/articles/{original.pk}-' in page


def test_agent_starts_a_translation_from_the_editor(login, personas):
    original = published(personas.manager, "Download invoices as PDF", visibility="customers")
    client = login(personas.tier1)
    form = client.get(f"/desk/articles/new?translation_of={original.pk}").content.decode()
    assert "New translation" in form
    response = client.post(
        "/desk/articles/new",
        {"title": "Rechnungen als PDF", "body": "Öffnen Sie Abrechnung.", "language": "de",
         "visibility": "customers", "translation_of": original.pk},
    )  # fmt: skip
    assert response.status_code == 302
    translation = original.translations.get()
    assert (translation.language, translation.visibility) == ("de", "customers")


def test_related_articles_leave_out_the_articles_own_translations(client, personas):
    m = personas.manager
    original = published(m, "Download invoices as PDF", "Invoices as PDF from Billing.")
    other = published(m, "Add your VAT number to invoices", "The VAT number on invoices.")
    german = article_create(
        author=m, title="Rechnungen als PDF", body="Invoices PDF auf Deutsch.", language="de",
        translation_of=original, category=original.category,
    )  # fmt: skip
    article_publish(german, m)
    page = client.get(f"/help/articles/{original.pk}-{original.slug}/").content.decode()
    related = page.split("Related articles")[1].split("</ul>")[0]
    assert other.slug in related
    assert "Rechnungen" not in related

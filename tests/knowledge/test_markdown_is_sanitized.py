"""A script typed into an article's Markdown is never rendered: not as raw HTML, not as a
javascript: link, not through an image's attributes."""

import re

import pytest

from charterdesk.knowledge.markdown import render

from .helpers import published

pytestmark = pytest.mark.django_db

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_script_survives_rendering(attack):
    html = render(f"Before\n\n{attack}\n\nAfter")
    assert "<script" not in html
    assert "<iframe" not in html
    assert not re.search(r"<[^>]*\son\w+=", html)  # no event handler in any tag
    assert not re.search(r"<[^>]*javascript:", html)  # no script URL in any tag


def test_markdown_still_renders_formatting():
    html = render("## Steps\n\n1. Open **Billing**\n\n`code` and [docs](https://example.com)")
    assert "<h2>Steps</h2>" in html
    assert "<strong>Billing</strong>" in html
    assert 'href="https://example.com"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_article_page_shows_the_script_as_text(personas, client):
    article = published(personas.manager, "Safe", "<script>alert('x')</script> and **bold**")
    page = client.get(f"/help/articles/{article.pk}-{article.slug}/")
    html = page.content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html

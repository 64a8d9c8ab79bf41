"""Article bodies: Markdown rendered by markdown-it-py with raw HTML turned off, then
sanitized by nh3 (an allow-list), so neither a `<script>` typed into the Markdown nor a
`javascript:` link ever reaches a reader."""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")
_markdown.enable("strikethrough")

TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "img", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}


def render(body: str) -> str:
    """Safe HTML for the Markdown `body`."""
    html = _markdown.render(body)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(body: str) -> str:
    """The words of the body without markup, for the search index and snippets."""
    return " ".join(nh3.clean(_markdown.render(body), tags=set()).split())

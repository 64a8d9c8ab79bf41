"""HTML bodies: sanitised for display with nh3, and turned into readable text.

The sanitiser keeps formatting and links, drops scripts, styles, forms, frames and event
handlers, and never lets the page load anything remote: an ``<img>`` keeps its ``src``
only when it is ``cid:`` (an image shipped in the message, which the app maps itself).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

_TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map"}) | {"font"}
_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align", "valign", "width"},
    "th": {"colspan", "rowspan", "align", "valign", "width"},
    "font": {"color"},
}


def _no_remote_content(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.lower().startswith("cid:"):
        return None  # remote (tracking) images and data: URLs are not loaded
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style", "title", "head", "template", "noscript"},
    attributes=_ATTRIBUTES,
    attribute_filter=_no_remote_content,
    url_schemes={"http", "https", "mailto", "tel", "cid"},
    link_rel="noopener noreferrer nofollow",
)


def sanitize_html(html: str) -> str:
    return _CLEANER.clean(html)


_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tr",
        "ul",
    ]
)
_PARAGRAPHS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "hr"]
)
_INVISIBLE = frozenset(["script", "style", "head", "title", "template", "noscript"])
_QUOTE_CLASSES = (
    "gmail_quote",
    "yahoo_quoted",
    "protonmail_quote",
    "moz-cite-prefix",
    "gmail_signature",
    "gmail_attr",
)
_STOP_IDS = frozenset(
    {"divrplyfwdmsg", "appendonsend", "stopspelling", "mail-editor-reference-message-container"}
)
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0\u200b]+")
_LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")
_BLANK_LINES = re.compile(r"\n{3,}")
_INDENT = "\x00\x00"


class _TextBuilder(HTMLParser):
    def __init__(self, strip_quotes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.strip_quotes = strip_quotes
        self.chunks: list[str] = []
        self.stopped = False
        self._invisible = 0
        self._skipping: tuple[str, int] | None = None  # (tag, nesting) of a skipped subtree
        self._pre = 0
        self._lists: list[list[int]] = []  # per open list: [next number or 0 for bullets]
        self._links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping is not None:
            if tag == self._skipping[0]:
                self._skipping = (tag, self._skipping[1] + 1)
            return
        if self.stopped:
            return
        if self.strip_quotes and self._is_quote(tag, attrs):
            return
        self._open(tag, attrs)
        if tag == "pre":
            self._pre += 1

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self._invisible += 1
        elif tag == "br":
            self.chunks.append("\n")
        elif tag in ("td", "th"):
            self.chunks.append(" ")
        elif tag in ("ul", "ol"):
            self._lists.append([1 if tag == "ol" else 0])
            self._block(tag)
        elif tag == "li":
            self._list_item()
        elif tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self.chunks)))
        elif tag in _BLOCKS:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping is not None:
            if tag == self._skipping[0]:
                depth = self._skipping[1] - 1
                self._skipping = (tag, depth) if depth else None
            return
        if self.stopped:
            return
        if tag in _INVISIBLE:
            self._invisible = max(self._invisible - 1, 0)
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag == "a" and self._links:
            self._close_link(*self._links.pop())
        if tag == "pre":
            self._pre = max(self._pre - 1, 0)
        if tag in _BLOCKS:
            self._block(tag)

    def handle_data(self, data: str) -> None:
        if self._skipping is not None or self.stopped or self._invisible:
            return
        self.chunks.append(data if self._pre else _SPACES.sub(" ", data))

    def _is_quote(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        values = dict(attrs)
        if (values.get("id") or "").lower() in _STOP_IDS:
            self.stopped = True  # Outlook: everything from here on is the quoted thread
            return True
        classes = (values.get("class") or "").lower()
        quoted = any(name in classes for name in _QUOTE_CLASSES)
        quoted = quoted or (tag == "blockquote" and (values.get("type") or "").lower() == "cite")
        quoted = quoted or values.get("data-smartmail") == "gmail_signature"
        if quoted:
            self._skipping = (tag, 1)
        return quoted

    def _block(self, tag: str) -> None:
        self.chunks.append("\n\n" if tag in _PARAGRAPHS else "\n")

    def _list_item(self) -> None:
        depth = max(len(self._lists) - 1, 0)
        marker = "- "
        if self._lists and self._lists[-1][0]:
            marker = f"{self._lists[-1][0]}. "
            self._lists[-1][0] += 1
        self.chunks.append("\n" + _INDENT * depth + marker)  # survives the line trimming

    def _close_link(self, href: str, start: int) -> None:
        label = "".join(self.chunks[start:]).strip()
        target = href.strip()
        if not target.lower().startswith(("http:", "https:", "mailto:")):
            return
        shown = target[7:] if target.lower().startswith("mailto:") else target
        if label and shown not in label and label not in (target, shown):
            self.chunks.append(f" ({shown})")
        elif not label:
            self.chunks.append(shown)


def html_to_text(html: str, *, strip_quotes: bool = False) -> str:
    """Readable text for ``html``: paragraphs, line breaks, lists, links as 'text (url)'.

    With ``strip_quotes``, the quoted thread of Gmail, Apple Mail, Thunderbird and Outlook
    replies (and Gmail's signature block) is left out.
    """
    builder = _TextBuilder(strip_quotes)
    builder.feed(html.replace("\x00", ""))
    builder.close()
    text = _LINE_EDGES.sub("\n", "".join(builder.chunks))
    return _BLANK_LINES.sub("\n\n", text).strip().replace("\x00", " ")

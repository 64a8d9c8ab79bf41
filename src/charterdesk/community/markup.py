"""Post bodies: Markdown rendered exactly as knowledge renders articles (raw HTML off,
then sanitized by nh3), and what a body holds that the trust levels care about."""

import re

from charterdesk.knowledge.markdown import plain_text, render

__all__ = ["has_images", "has_links", "mentioned_handles", "plain_text", "render"]

_MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9._-]{1,39})", re.IGNORECASE)


def has_links(body: str) -> bool:
    return "<a " in render(body) or bool(re.search(r"https?://|www\.", body, re.IGNORECASE))


def has_images(body: str) -> bool:
    return "<img " in render(body)


def mentioned_handles(body: str) -> list[str]:
    """The @handles in a body, once each, in order (at most 10: more is not a mention)."""
    seen: dict[str, None] = {}
    for match in _MENTION.finditer(plain_text(body)):
        seen.setdefault(match.group(1).rstrip(".").lower(), None)
    return list(seen)[:10]

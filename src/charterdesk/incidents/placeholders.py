"""Safe notice templates: `{name}` placeholders from a fixed list, nothing else.

A template is plain text written by a support manager. It is never handed to Django's
template engine: `render` replaces the known `{placeholders}` with their values and
leaves every other character as written, so no template code can run. `{{` and `}}`
write literal braces."""

from charterdesk.core.placeholders import Placeholders

PLACEHOLDERS: dict[str, str] = {
    "title": "the incident's title",
    "nature": "the nature of the issue",
    "status": "the incident's status (Investigating, Identified, ...)",
    "services": "the affected services",
    "regions": "the affected regions (or 'all regions')",
    "expected_resolution": "the expected resolution time",
    "next_update": "the time of the next update",
    "message": "the text of this update",
    "article_link": "a link to the article about it",
    "status_page": "the link to the status page",
    "data_lost": "whether any data was lost (resolution)",
    "window": "the maintenance window",
    "postmortem": "the customer version of the post-mortem",
}

_TEMPLATES = Placeholders(PLACEHOLDERS)
check_template = _TEMPLATES.check
render = _TEMPLATES.render


#: words a template stood in for real text with; none may reach a customer
MARKERS = ("(what happened)", *(f"{{{name}}}" for name in PLACEHOLDERS))


def fill_reply(text: str, message: str) -> tuple[str, str]:
    """A reply written from a template: `{message}` becomes `message`. Returns the reply
    and the problem in one sentence ('' when none): a placeholder left in it."""
    text = text.replace("{message}", message)
    left = [marker for marker in MARKERS if marker in text]
    if left:
        return text, f"Replace {left[0]} with real words: customers would read it as written."
    return text, ""

"""Playbook mail templates: `{name}` placeholders from a fixed list, nothing else.

The same rule as the incidents' notice templates (incidents/placeholders.py): a template is
plain text, never handed to Django's template engine; `render` replaces the known
placeholders and leaves every other character as written; `{{` and `}}` are literal
braces; an unknown placeholder is a form error when the template is saved."""

import re
from collections.abc import Mapping

PLACEHOLDERS: dict[str, str] = {
    "organization": "the organization's name",
    "contact_name": "the contact's name (or their address)",
    "contact_first_name": "the contact's first name",
    "relationship_manager": "the relationship manager's name",
    "agent_name": "the name of the person sending it",
    "plan": "the plan of the active contract",
    "next_review": "the date of the next account review",
    "portal_link": "the link to the customer portal",
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def check_template(text: str) -> str:
    """The problem with a template in one sentence, or '' when it is fine."""
    for match in _TOKEN.finditer(text):
        if match.group(0) in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            return "A lone brace: write {{ or }} for a literal brace."
        if name.strip() not in PLACEHOLDERS:
            known = ", ".join(f"{{{key}}}" for key in PLACEHOLDERS)
            return f"Unknown placeholder {{{name}}}; use one of {known}."
    return ""


def render(text: str, values: Mapping[str, str]) -> str:
    """The template with its placeholders filled in; anything else is left as written."""

    def substitute(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = (match.group(1) or "").strip()
        if name in PLACEHOLDERS:
            return str(values.get(name, ""))
        return token

    return _TOKEN.sub(substitute, text)

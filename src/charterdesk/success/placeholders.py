"""Playbook mail templates: `{name}` placeholders from a fixed list, nothing else.

The rule of every template here (core/placeholders.py), as for incident notices: a template is
plain text, never handed to Django's template engine; `render` replaces the known
placeholders and leaves every other character as written; `{{` and `}}` are literal
braces; an unknown placeholder is a form error when the template is saved."""

from charterdesk.core.placeholders import Placeholders

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

_TEMPLATES = Placeholders(PLACEHOLDERS)
check_template = _TEMPLATES.check
render = _TEMPLATES.render

"""Safe text templates: `{name}` placeholders from a fixed list, nothing else.

A template is plain text written by a manager (an incident notice, a playbook's mail). It
is never handed to Django's template engine: `render` replaces the known placeholders with
their values and leaves every other character as written, so no template code can run.
`{{` and `}}` write literal braces; an unknown placeholder or a lone brace is a form error
when the template is saved (`check`)."""

import re
from collections.abc import Mapping

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class Placeholders:
    """One fixed list of placeholders, each with what it stands for."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)

    def check(self, text: str) -> str:
        """The problem with a template in one sentence, or '' when it is fine."""
        for match in _TOKEN.finditer(text):
            if match.group(0) in ("{{", "}}"):
                continue
            name = match.group(1)
            if name is None:
                return "A lone brace: write {{ or }} for a literal brace."
            if name.strip() not in self.names:
                known = ", ".join(f"{{{key}}}" for key in self.names)
                return f"Unknown placeholder {{{name}}}; use one of {known}."
        return ""

    def render(self, text: str, values: Mapping[str, str]) -> str:
        """The template with its placeholders filled in; anything else is left as written."""

        def substitute(match: re.Match[str]) -> str:
            token = match.group(0)
            if token in ("{{", "}}"):
                return token[0]
            name = (match.group(1) or "").strip()
            if name in self.names:
                return str(values.get(name, ""))
            return token

        return _TOKEN.sub(substitute, text)

def field_html(html: str, name: str, action: str = "") -> str:
    """The label that holds the form field `name` (its input and the errors beside it), in
    the form posting to `action` when given (the ticket page has several forms)."""
    after = html.index(f'action="{action}"') if action else 0
    start = html.index(f'name="{name}"', after)
    return html[html.rindex("<label", 0, start) : html.index("</label>", start)]

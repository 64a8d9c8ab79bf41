"""The ticket page as an agent sees it with every collapsed form opened: the page, then
each form it asks for when its `<details>` opens (desk.ticket_forms)."""

import re

ON_OPEN = re.compile(r'hx-get="(/desk/tickets/\d+/forms/[a-z-]+)"')


def collapsed_form_urls(html: str) -> list[str]:
    return ON_OPEN.findall(html)


def with_forms_opened(client, html: str) -> str:  # type: ignore[no-untyped-def]
    """The page's HTML followed by each collapsed form's fragment, as htmx fetches it."""
    parts = [html]
    for url in collapsed_form_urls(html):
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 200, url
        parts.append(response.content.decode())
    return "\n".join(parts)

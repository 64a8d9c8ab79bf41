"""What the agents and teams page tests share: the form's data and the invitation link."""

import re

from django.conf import settings

from charterdesk.mail.models import OutboundMail


def agent_data(**changes: object) -> dict[str, object]:
    data = {
        "name": "Dana Scully",
        "role": "agent",
        "tier": "2",
        "skills": "API, billing, api",
        "languages": ["en", "de"],
        "calendar": "",
        "capacity": "12",
    }
    return data | changes


def invitation_link(to: str) -> str:
    mail = OutboundMail.objects.filter(recipient=to).latest("id")
    found = re.search(r"https?://\S+/account/invitation/\S+/", mail.text)
    assert found, mail.text
    return found.group(0).removeprefix(settings.SITE_URL)

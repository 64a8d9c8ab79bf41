"""The ticket page's longest lists, written in Python: the conversation and the history
grow with the ticket, and the template engine spent most of their time resolving and
escaping their variables one node at a time. Same markup as the template gave; every value
from the database or a label is escaped as the template escaped it (conditional_escape)."""

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from charterdesk.core.dates import formatted as date_format
from charterdesk.tickets.models import Message, TicketEvent, Visibility
from charterdesk.tickets.wording import event_line

MESSAGE = (
    '<article class="message{}">\n'
    "        <header><strong>{}</strong>\n"
    '          <span>{}{} · <time datetime="{}">{}</time>{}</span></header>\n'
    '        <div class="body">{}</div>\n'
    "        {}\n"
    "      </article>\n"
)
FILE = '<li><a href="{}" download>{}</a> <span class="muted">{}</span></li>'
EVENT = '<li><span class="muted">{}</span> {}: {}\n          {}</li>\n'


def _files(message: Message) -> str:
    files = list(message.uploads.all())  # prefetched with the messages
    if not files:
        return ""
    items = "".join(
        FILE.format(
            escape(reverse("mail:attachment", args=[f.pk])),
            escape(f.filename),
            filesizeformat(f.size),
        )
        for f in files
    )
    return f'<ul class="files" aria-label="Files attached to this message">{items}</ul>'


def message_articles(messages: list[Message]) -> SafeString:
    """The conversation, in the order given."""
    out = []
    for m in messages:
        internal = m.visibility == Visibility.INTERNAL
        css = (" staff" if m.from_staff else "") + (" internal" if internal else "")
        at = localtime(m.created_at)
        original = ""
        if m.channel == "email" and not m.from_staff:
            url = reverse("mail:message_original", args=[m.pk])
            original = f' · <a href="{escape(url)}">original</a>'
        out.append(
            MESSAGE.format(
                css,
                escape(m.author_name),
                "Internal note · " if internal else "",
                escape(m.get_channel_display()),
                date_format(at, "c"),
                escape(date_format(at, "D j M Y, H:i T")),
                original,
                escape(m.body),
                _files(m),
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


def history_items(events: list[TicketEvent]) -> SafeString:
    """The history's lines, oldest first."""
    out = []
    for e in events:
        note = ""
        if e.note and e.kind != "coverage":
            note = f'<span class="muted">({escape(e.note)})</span>'
        out.append(
            EVENT.format(
                escape(date_format(localtime(e.created_at), "j M H:i")),
                escape(str(e.actor)) if e.actor else "CharterDesk",
                escape(event_line(e)),
                note,
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped

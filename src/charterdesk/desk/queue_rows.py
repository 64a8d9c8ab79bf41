"""The queue's table rows, written in Python: 50 rows of ten cells are the page's largest
part, and the template engine spent most of the page's time resolving and escaping their
~1,500 variables one node at a time. Same markup as the template gave; every value that
comes from the database or a label is escaped (html.escape, as Django's `escape` does)."""

from datetime import datetime
from html import escape

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince, timeuntil
from django.utils.timezone import localtime

from charterdesk.core.vocabulary import DECISION_WORDS
from charterdesk.sla.selectors import ClockView
from charterdesk.sla.templatetags.sla import left, span
from charterdesk.tickets.models import Ticket

ROW = (
    '<tr class="ticket-row{}">\n'
    '    <td class="pick"><input type="checkbox" name="ids" value="{}" form="bulk-form" '
    'aria-label="Select #{}"></td>\n'
    '    <td class="subject"><a href="{}" title="{}"><span class="muted">#{}</span> {}</a>\n'
    '      <div class="muted truncate" title="{}">{}</div>\n'
    "      {}</td>\n"
    '    <td data-label="Organization"><span class="clamp2" title="{}">{}</span></td>\n'
    '    <td data-label="Type">{}</td>\n'
    '    <td data-label="Priority"><span class="pill {}">{}</span></td>\n'
    '    <td data-label="Status">{}</td>\n'
    '    <td data-label="Coverage"><span class="pill {}" title="{}">{}</span></td>\n'
    '    <td data-label="Queue"><span class="clamp2" title="{}">{}</span></td>\n'
    '    <td data-label="Assignee"><span class="clamp2" title="{}">{}</span></td>\n'
    "    {}\n"
    "  </tr>\n"
)
PLACEHOLDER = 999_999_999_999
# The columns a row reads (and its clocks: the plan's calendar; the page's next link:
# attention_at), for the page's `.only()`: 26 columns instead of 116 from the six tables,
# half the CPU of reading the page of tickets (issue #13). A field read here that is not
# listed costs one statement per row: the QUEUE budget test counts them.
ROW_FIELDS = (
    "subject",
    "request_type",
    "priority",
    "status",
    "coverage",
    "attention_at",
    "solved_at",
    "organization__name",
    "queue__name",
    "assignee__name",
    "assignee__email",
    "requester__email",
    "contract__plan__calendar_id",
)
ASKED = (
    '<span class="flag" title="The customer asked to escalate this ticket">'
    "Customer asks to escalate</span>"
)


def queue_rows(rows: list[tuple[Ticket, ClockView | None, bool]], now: datetime) -> SafeString:
    """The table's rows: each ticket with its nearest running clock (or None) and whether
    its customer asked to escalate it."""
    link = reverse("desk:ticket", args=[PLACEHOLDER])  # one reverse for the page, not 50
    labels = {name: _labels(name) for name in ("request_type", "priority", "status", "coverage")}
    html = "".join(_row(t, c, a, now, link, labels) for t, c, a in rows)
    return mark_safe(html)  # noqa: S308 - every value escaped in _row


def _labels(field: str) -> dict[str, str]:
    """A choice field's labels by value (what get_FOO_display gives, without rebuilding
    the field's choices for every call)."""
    choices = Ticket._meta.get_field(field).flatchoices  # type: ignore[union-attr]
    return {str(value): str(label) for value, label in choices}


def _row(
    t: Ticket,
    clock: ClockView | None,
    asked: bool,
    now: datetime,
    link: str,
    labels: dict[str, dict[str, str]],
) -> str:
    organization = escape(str(t.organization)) if t.organization else ""
    assignee = escape(str(t.assignee)) if t.assignee else ""
    subject, email, queue = escape(t.subject), escape(t.requester.email), escape(str(t.queue))
    coverage = labels["coverage"].get(t.coverage, t.coverage)
    status = escape(labels["status"].get(t.status, t.status))
    return ROW.format(
        " asked" if asked else "",
        t.pk,
        t.pk,
        link.replace(str(PLACEHOLDER), str(t.pk)),
        subject,
        t.pk,
        subject,
        email,
        email,
        ASKED if asked else "",
        organization,
        organization or "—",
        escape(labels["request_type"].get(t.request_type, t.request_type)),
        escape(t.priority),
        escape(labels["priority"].get(t.priority, t.priority)),
        status,
        escape(t.coverage),
        escape(coverage),
        escape(DECISION_WORDS.get(t.coverage, coverage)),  # type: ignore[call-overload]
        queue,
        queue,
        assignee,
        assignee or "—",
        _due(t, clock, now, status),
    )


def _due(t: Ticket, clock: ClockView | None, now: datetime, status: str) -> str:
    """The "Needs attention" cell: the nearest SLA deadline, the house target, or why none."""
    if not t.is_open:
        solved = f" {date_format(localtime(t.solved_at), 'j M, H:i')}" if t.solved_at else ""
        return (
            f'<td class="due" data-label="Needs attention">{status}{escape(solved)}\n'
            '      <div class="muted">no deadline: not open</div></td>'
        )
    if clock is not None:
        due = clock.clock.due_at
        warned = " · warned" if clock.clock.warned and not clock.overdue else ""
        return (
            f'<td class="due{" overdue" if clock.overdue else ""}" data-label="Needs attention">\n'
            f"      {escape(clock.clock.get_metric_display())}: {left(clock.business_left)}\n"
            f'      <div class="muted">{span(clock.calendar_left)} on the clock · due '
            f"{escape(date_format(localtime(due), 'D H:i')) if due else ''}{warned}</div>\n"
            "    </td>"
        )
    late = t.attention_at < now
    when = (
        f"{timesince(t.attention_at, now)} overdue"
        if late
        else f"in {timeuntil(t.attention_at, now)}"
    )
    return (
        f'<td class="due{" overdue" if late else ""}" data-label="Needs attention">\n'
        f"      {escape(when)}\n"
        '      <div class="muted">no SLA: house target</div>\n'
        "    </td>"
    )

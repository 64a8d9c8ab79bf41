"""A statement as a PDF (fpdf2): a heading, the hours bank with a bar, and one table per
breakdown. Core fonts only, so text outside Latin-1 is written as its closest letters."""

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from fpdf import FPDF
from fpdf.fonts import FontFace

from charterdesk.core.vocabulary import hours_text

from .usage import Row, Statement

HEADING = FontFace(emphasis="BOLD", fill_color=(230, 236, 248))
BRAND = (40, 70, 140)
OVER = (190, 50, 40)
PAGE_WIDTH = 180  # mm inside the margins of an A4 page


def _latin(text: object) -> str:
    plain = unicodedata.normalize("NFKD", str(text).replace("×", "x").replace("—", "-"))
    return plain.encode("latin-1", "ignore").decode("latin-1")


def _figure(value: Decimal | int | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = hours_text(value) if isinstance(value, Decimal) else str(value)
    return f"{text}{unit}"


class StatementPdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.title_text = title
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)
        self.set_creator("CharterDesk")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, _latin(f"{self.title_text} - page {self.page_no()}"), align="C")

    def section(self, title: str) -> None:
        self.ln(4)
        self.set_font("Helvetica", "B", 12)
        self.set_text_color(*BRAND)
        self.cell(0, 7, _latin(title), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font("Helvetica", size=9)

    def grid(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        widths = (PAGE_WIDTH - 30 * (len(header) - 1), *([30] * (len(header) - 1)))
        align = ("LEFT", *(["RIGHT"] * (len(header) - 1)))
        with self.table(
            col_widths=widths, text_align=align, headings_style=HEADING, width=PAGE_WIDTH
        ) as table:
            table.row([_latin(h) for h in header])
            for row in rows:
                table.row([_latin(c) for c in row])

    def bank_bar(self, used: Decimal, available: Decimal) -> None:
        """The bank as a bar: the share used, red past 100%."""
        x, y, height = self.l_margin, self.get_y() + 2, 5
        self.set_fill_color(225, 225, 225)
        self.rect(x, y, PAGE_WIDTH, height, style="F")
        share = float(used / available) if available else (1.0 if used else 0.0)
        self.set_fill_color(*(OVER if share > 1 else BRAND))
        self.rect(x, y, PAGE_WIDTH * min(share, 1.0), height, style="F")
        self.set_y(y + height + 2)


def _rows(rows: list[Row], unit: str = "") -> list[tuple[str, str]]:
    return [(r.label, _figure(r.value, unit)) for r in rows]


def as_pdf(s: Statement) -> bytes:
    contract = s.contract
    title = f"Usage statement {s.month.label} - {contract.organization.name}"
    pdf = StatementPdf(title)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.multi_cell(
        0,
        5,
        _latin(
            f"{contract.plan.name} plan, contract from {contract.starts_on:%d %b %Y}. "
            f"Month from {s.start:%d %b %Y %H:%M} to {s.end:%d %b %Y %H:%M} ({s.zone})."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _hours(pdf, s)
    pdf.section(f"Tickets opened: {s.tickets} ({s.open_tickets} still open)")
    pdf.grid(("Request type", "Tickets"), _rows(s.tickets_by_type))
    pdf.ln(2)
    pdf.grid(("Priority", "Tickets"), _rows(s.tickets_by_priority))
    pdf.ln(2)
    pdf.grid(("Coverage", "Tickets"), _rows(s.tickets_by_coverage))
    _people_and_time(pdf, s)
    _quality(pdf, s)
    return bytes(pdf.output())


def _hours(pdf: StatementPdf, s: Statement) -> None:
    pdf.section("Hours bank")
    pdf.grid(
        ("Hours", "Hours"),
        [
            ("Included", _figure(s.hours_included)),
            ("Purchased", _figure(s.hours_purchased)),
            ("Used before this month", _figure(s.hours_used_before)),
            ("Used this month (metered time)", _figure(s.hours_used)),
            ("Remaining at the end of the month", _figure(s.hours_remaining)),
            ("Overage", _figure(s.hours_overage)),
        ],
    )
    pdf.bank_bar(s.hours_used_before + s.hours_used, s.hours_available)


def _people_and_time(pdf: StatementPdf, s: Statement) -> None:
    pdf.section("Who is asking")
    if s.requesters:
        pdf.grid(
            ("Contact", "Tickets", "Hours"),
            [
                (f"{r.name} <{r.email}>" if r.name else r.email, r.tickets, _figure(r.hours))
                for r in s.requesters
            ],
        )
    else:
        pdf.cell(0, 6, "No requests and no time this month.", new_x="LMARGIN", new_y="NEXT")
    pdf.section(f"Time worked: {_figure(s.time_total)} h ({_figure(s.time_billable)} h billable)")
    pdf.grid(("Activity", "Hours"), _rows(s.time_by_activity))
    pdf.ln(2)
    pdf.grid(("Agent tier", "Hours"), _rows(s.time_by_tier))


def _quality(pdf: StatementPdf, s: Statement) -> None:
    pdf.section("SLA attainment (deadlines that started this month)")
    pdf.grid(
        ("Metric", "Achieved", "Breached", "Running", "Attainment"),
        [(r.label, r.achieved, r.breached, r.active, _figure(r.percent, " %")) for r in s.sla],
    )
    p = s.promises
    pdf.section("Promises due this month")
    pdf.grid(
        ("Promises", "Count"),
        [
            ("Due", p.due),
            ("Kept", p.kept),
            ("Broken", p.broken),
            ("Cancelled", p.cancelled),
            ("Open", p.open),
            ("Open and overdue", p.overdue),
        ],
    )
    sat = s.satisfaction
    pdf.section(
        f"Satisfaction: {sat.answers} answers, average {_figure(sat.average)}, "
        f"CSAT {_figure(sat.csat_percent, ' %')}"
    )
    pdf.grid(("Rating", "Answers"), _rows(sat.distribution))

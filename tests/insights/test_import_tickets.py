import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from charterdesk.customers.models import Contact, Organization
from charterdesk.insights.models import ImportedTicket
from charterdesk.mail.models import OutboundMail
from charterdesk.search.ticket_search import search_tickets
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.category_models import Category
from charterdesk.tickets.models import Ticket, TicketEvent
from charterdesk.tickets.wording import event_line

HEADER = (
    "external_id,subject,body,category,request_type,priority,status,created_at,solved_at,"
    "requester_email,requester_name,organization\n"
)
GOOD = (
    "ZD-1,Refund for March,We were charged twice,Billing › Refunds,how_to,normal,solved,"
    "2026-03-01 09:00,2026-03-02 10:00,ann@newco.example,Ann,Newco\n"
    "ZD-2,Invoice missing VAT,Where is the tax line,Billing/Invoices,,high,open,"
    "2026-03-03T11:00:00+01:00,,alice@acme.example,Alice,Acme Corp\n"
)
BAD = (
    "ZD-3,No date,text,,error,normal,open,,,bo@newco.example,Bo,Newco\n"
    "ZD-4,Bad type,text,,question,normal,open,2026-03-01 09:00,,bo@newco.example,Bo,Newco\n"
    "ZD-1,Repeated,text,,error,normal,open,2026-03-01 09:00,,bo@newco.example,Bo,Newco\n"
)


def run_import(tmp_path: Path, text: str) -> tuple[str, str]:
    path = tmp_path / "past.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "tickets", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_bad_rows_are_reported_by_line_and_the_rest_imported(personas, tmp_path):
    out, err = run_import(tmp_path, HEADER + GOOD + BAD)
    assert "Read 5 rows: 2 tickets imported, 0 imported before (unchanged), 3 bad rows." in out
    assert "line 4: created_at is empty" in err
    assert "line 5: request_type 'question' is not one of" in err
    assert "line 6: external_id ZD-1 repeats line 2" in err


def test_unknown_categories_organizations_and_contacts_are_created_and_reported(personas, tmp_path):
    out, _ = run_import(tmp_path, HEADER + GOOD)
    assert "Created 3 categories: Billing, Billing › Invoices, Billing › Refunds" in out
    assert "Created 1 organizations: Newco" in out
    assert "Created 1 contacts: ann@newco.example" in out
    ann = Contact.objects.get(email="ann@newco.example")
    assert ann.organization == Organization.objects.get(name="Newco")
    assert Category.objects.get(path="Billing › Invoices").parent.path == "Billing"


def test_imported_tickets_keep_their_dates_category_and_history(personas, tmp_path):
    run_import(tmp_path, HEADER + GOOD)
    refund = ImportedTicket.objects.get(external_id="ZD-1").ticket
    assert refund.status == "solved" and refund.solved_at.isoformat() == "2026-03-02T10:00:00+00:00"
    assert refund.category.path == "Billing › Refunds" and refund.category_source == "import"
    lines = [event_line(e) for e in TicketEvent.objects.filter(ticket=refund)]
    assert lines == ["Created", "Category: — → Billing › Refunds"]
    invoice = ImportedTicket.objects.get(external_id="ZD-2").ticket
    assert invoice.organization.name == "Acme Corp"
    assert invoice.request_type == "how_to" and invoice.type_source == "auto"


def test_a_second_run_changes_nothing(personas, tmp_path):
    run_import(tmp_path, HEADER + GOOD)
    before = (Ticket.objects.count(), TicketEvent.objects.count(), Contact.objects.count())
    out, _ = run_import(tmp_path, HEADER + GOOD)
    assert "0 tickets imported, 2 imported before (unchanged)" in out
    assert (Ticket.objects.count(), TicketEvent.objects.count(), Contact.objects.count()) == before


def test_imported_tickets_send_no_mail_start_no_clock_and_are_found(personas, tmp_path):
    mails = OutboundMail.objects.count()
    run_import(tmp_path, HEADER + GOOD)
    assert OutboundMail.objects.count() == mails
    imported = Ticket.objects.filter(imported_from__isnull=False)
    assert not SlaClock.objects.filter(ticket__in=imported).exists()
    hits = search_tickets(personas.tier1, "charged twice").items
    assert [hit.ticket.subject for hit in hits] == ["Refund for March"]


def test_a_file_without_a_required_column_is_refused_in_one_line(personas, tmp_path):
    with pytest.raises(CommandError, match="lacks the column"):
        run_import(tmp_path, "subject,body\nA,B\n")

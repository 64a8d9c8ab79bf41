"""Managers upload past tickets on /manage/import/: the same import as the command, run as
a background task whose page shows progress and then the summary with the bad rows by line
number; a wrong file gets a field error and nothing is kept."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from charterdesk.insights.import_runs import import_run_execute, import_run_start
from charterdesk.insights.models import ImportStatus, TicketImportRun
from charterdesk.tickets.models import Ticket
from tests.insights.test_import_tickets import BAD, GOOD, HEADER


def _csv(text: str, name: str = "past.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_a_manager_uploads_past_tickets_and_reads_the_summary(
    personas, login, django_capture_on_commit_callbacks
):
    client = login(personas.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/manage/import/", {"file": _csv(HEADER + GOOD + BAD)})
    response = client.get(response["Location"])
    page = response.content.decode()
    run = TicketImportRun.objects.get()
    assert response.request["PATH_INFO"] == f"/manage/import/{run.pk}/"
    assert (run.status, run.done_rows, bytes(run.content)) == (ImportStatus.DONE, 5, b"")
    assert "<b>2</b> tickets imported" in page
    assert "<b>3</b> bad rows, skipped" in page
    assert '<td data-label="Line">4</td>' in page  # the row without a date, by its line
    assert "Created <b>1</b> organizations: Newco" in page
    assert Ticket.objects.filter(imported_from__source="past.csv").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/manage/import/", {"file": _csv(HEADER + GOOD)})
    again = client.get(again["Location"])
    assert "<b>2</b> imported before (unchanged)" in again.content.decode()


def test_a_wrong_file_gets_a_field_error(personas, login):
    client = login(personas.manager)
    for upload, message in (
        (_csv("subject,body\nHi,there\n"), "lacks the column(s): external_id, created_at"),
        (_csv(HEADER + GOOD, name="past.xlsx"), "Upload a .csv file"),
        (SimpleUploadedFile("past.csv", b"external_id,subject\n\xff\xfe"), "is not UTF-8"),
    ):
        response = client.post("/manage/import/", {"file": upload})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not TicketImportRun.objects.exists()


def test_a_running_import_shows_its_progress_and_refreshes(personas, login):
    with_header = HEADER + GOOD
    run = import_run_start(personas.manager, _csv(with_header), at=timezone.now())
    page = login(personas.manager).get(f"/manage/import/{run.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "0 of about 2 rows" in page
    assert import_run_execute(run.pk) is not None
    assert import_run_execute(run.pk) is None  # claimed once: a second worker skips it


def test_only_managers_import(personas, login):
    assert login(personas.tier2).get("/manage/import/").status_code == 403
    assert login(personas.alice).get("/manage/import/").status_code == 404

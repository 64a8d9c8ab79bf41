"""10,000 rows (2,000 organizations with five contacts each) are previewed in a fixed
number of queries and imported in bulk (batches, never a query per row), and importing
them again writes nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.customers.models import Contact, Organization, OrganizationDomain

URL = "/manage/organizations/import/"


def _file() -> bytes:
    lines = ["organization,domains,language,region,contact_email,contact_name"]
    for org in range(2000):
        for person in range(5):
            domains = f"o{org}.example" if person == 0 else ""
            lines.append(f"Customer {org},{domains},en,EU,p{person}@o{org}.example,Person {person}")
    return ("\n".join(lines) + "\n").encode()


def test_ten_thousand_rows_are_read_and_written_in_bulk(login, personas):
    client = login(personas.manager)
    upload = SimpleUploadedFile("big.csv", _file(), "text/csv")
    with CaptureQueriesContext(connection) as preview_queries:
        preview = client.post(URL, {"file": upload})
    with CaptureQueriesContext(connection) as import_queries:
        client.post(URL, {"confirm": preview.context["sha"]})
    assert Organization.objects.filter(name__startswith="Customer ").count() == 2000
    assert OrganizationDomain.objects.filter(domain__endswith=".example").count() >= 2000
    assert Contact.objects.filter(email__startswith="p4@o").count() == 2000
    # Five reads; the import adds bulk writes in batches (500 rows, or fewer where SQLite
    # limits the parameters of one query: about 80 contacts), far below one per row.
    assert len(preview_queries) < 20, len(preview_queries)
    assert len(import_queries) < 400, len(import_queries)
    again = client.post(URL, {"file": SimpleUploadedFile("big.csv", _file(), "text/csv")})
    assert not again.context["plan"].changes_anything

"""A manager imports organizations and contacts from a CSV file: the preview says per
line what would be created or changed and what is wrong, writing nothing; the import
writes it in one go, with the audit log; importing the same file again changes nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Contact, Organization, OrganizationDomain

URL = "/manage/organizations/import/"
FILE = (
    "organization,domains,language,region,partner,relationship_manager,contact_email,contact_name\n"
    "Newco,newco.example,de,eu,no,tier2@charterdesk.example,ann@newco.example,Ann Newman\n"
    "Newco,,,,,,ben@newco.example,Ben Ng\n"
    "Acme Corp,,fr,,,,dora@acme.example,Dora\n"
)


def _upload(client, text, name="customers.csv", encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "text/csv")})


def _confirm(client, preview):
    return client.post(URL, {"confirm": preview.context["sha"]}, follow=True)


def test_the_preview_says_what_each_line_does_and_writes_nothing(login, personas):
    before = AuditEntry.objects.count()
    html = _upload(login(personas.manager), FILE).content.decode()
    assert "Creates the organization Newco." in html
    assert "Adds the mail domain newco.example (to verify)." in html
    assert "Creates the contact Ann Newman &lt;ann@newco.example&gt;." in html
    assert "Sets language to fr (was nothing)." in html
    assert "<b>1</b> organization created, <b>1</b> updated" in html
    assert not Organization.objects.filter(name="Newco").exists()
    assert not Contact.objects.filter(email="ann@newco.example").exists()
    assert AuditEntry.objects.count() == before


def test_the_import_writes_everything_and_the_audit_log(login, personas):
    client = login(personas.manager)
    page = _confirm(client, _upload(client, FILE))
    assert (
        "Imported customers.csv: 1 organization created, 1 updated; 1 mail domain added; "
        "3 contacts created, 0 updated." in page.content.decode()
    )
    newco = Organization.objects.get(name="Newco")
    assert (newco.language, newco.region, newco.is_partner) == ("de", "EU", False)
    assert newco.relationship_manager == personas.tier2
    assert list(newco.domains.values_list("domain", "verified_at")) == [("newco.example", None)]
    assert set(newco.contacts.values_list("email", flat=True)) == {
        "ann@newco.example",
        "ben@newco.example",
    }
    assert Organization.objects.get(name="Acme Corp").language == "fr"
    entries = AuditEntry.objects.filter(actor=personas.manager)
    assert entries.get(kind="customers.organization", object_id=str(newco.pk)).action == "created"
    acme_change = entries.get(kind="customers.organization", action="changed")
    assert acme_change.changes == {"language": ["", "fr"]}
    assert entries.filter(kind="customers.contact").count() == 3


def test_importing_the_same_file_again_changes_nothing(login, personas):
    client = login(personas.manager)
    _confirm(client, _upload(client, FILE))
    entries = AuditEntry.objects.count()
    again = _upload(client, FILE)
    html = again.content.decode()
    assert "everything is already as the file says" in html
    assert html.count("No change.") == 3
    assert AuditEntry.objects.count() == entries
    assert Organization.objects.filter(name="Newco").count() == 1


def test_each_wrong_line_is_named_with_its_number_and_skipped(login, personas):
    text = (
        "organization;domains;language;partner;relationship_manager;contact_email\n"
        "Newco;acme.example;;;;\n"
        ";;;;;x@y.example\n"
        "Newco;;klingon;;;\n"
        "Newco;;;perhaps;;\n"
        "Newco;;;;alice@acme.example;\n"
        "Newco;;;;;not-an-address\n"
        "Newco;;;;;bob@globex.example\n"
        "Newco;;;;;carl@newco.example\n"
        "Newco;;;;;carl@newco.example\n"
    )
    client = login(personas.manager)
    preview = _upload(client, text)
    errors = {row.line: " ".join(row.errors) for row in preview.context["plan"].errors}
    assert "acme.example already belongs to Acme Corp." in errors[2]
    assert "The organization column is empty." in errors[3]
    assert "no language code we know" in errors[4]
    assert "partner: write yes or no" in errors[5]
    assert "alice@acme.example is not an active member of the support staff" in errors[6]
    assert "“not-an-address” is not a mail address" in errors[7]
    assert "bob@globex.example is at a mail domain of another organization (Globex" in errors[8]
    assert "carl@newco.example is listed twice (line 9 first)" in errors[10]
    assert set(errors) == {2, 3, 4, 5, 6, 7, 8, 10}
    html = preview.content.decode()
    assert "Import the rows without errors" in html and "Line" in html
    _confirm(client, preview)
    newco = Organization.objects.get(name="Newco")
    assert list(newco.contacts.values_list("email", flat=True)) == ["carl@newco.example"]
    assert newco.language == "" and not newco.domains.exists()


def test_a_byte_order_mark_semicolons_and_quoted_cells_are_read(login, personas):
    text = (
        "\ufefforganization;contact_name;contact_email\n"
        '"Müller; Söhne GmbH";"Jörg, Müller";j@ms.example\n'
    )
    client = login(personas.manager)
    _confirm(client, _upload(client, text))
    contact = Contact.objects.get(email="j@ms.example")
    assert contact.organization.name == "Müller; Söhne GmbH" and contact.name == "Jörg, Müller"


def test_a_file_that_is_not_utf8_or_has_unknown_columns_gets_one_clear_error(login, personas):
    client = login(personas.manager)
    latin = _upload(client, "organization\nMüller GmbH\n", encoding="latin-1").content.decode()
    assert "The file is not UTF-8 text" in latin and "CSV UTF-8" in latin
    unknown = _upload(client, "company,email\nNewco,a@newco.example\n").content.decode()
    assert "Unknown column: company." in unknown
    empty = _upload(client, "").content.decode()
    assert "The submitted file is empty." in empty or "The file is empty." in empty
    assert not Organization.objects.filter(name__in=["Müller GmbH", "Newco"]).exists()


def test_a_confirmation_without_the_previewed_file_writes_nothing(login, personas):
    page = login(personas.manager).post(URL, {"confirm": "f" * 64}, follow=True)
    assert "The previewed file is no longer here" in page.content.decode()


def test_the_template_downloads_with_every_column(login, personas):
    page = login(personas.manager).get("/manage/organizations/import/template.csv")
    assert page["Content-Type"].startswith("text/csv")
    header = page.content.decode().splitlines()[0]
    assert header == (
        "organization,domains,language,region,partner,relationship_manager,"
        "contact_email,contact_name"
    )


def test_agents_cannot_import(login, personas):
    page = _upload(login(personas.tier1), FILE)
    assert page.status_code == 403
    assert not OrganizationDomain.objects.filter(domain="newco.example").exists()

from django.core.files.uploadedfile import SimpleUploadedFile

from charterdesk.incidents.models import Deployment
from tests.incidents.factories import service

PAGE = "/desk/incidents/deployments/import"
CSV = b"organization,service,region\nAcme Corp,Cloud,US\nNobody Ltd,Cloud,EU\n"


def test_the_preview_shows_each_row_and_writes_nothing_then_the_import_writes(personas, login):
    service("Cloud")
    count = Deployment.objects.count()
    client = login(personas.manager)
    response = client.post(PAGE, {"file": SimpleUploadedFile("d.csv", CSV)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "No organization is called “Nobody Ltd”." in page
    assert "Import 1 new deployment, skip the refused rows" in page
    assert Deployment.objects.count() == count
    sha = response.context["sha"]
    response = client.post(PAGE, {"confirm": sha}, follow=True)
    assert "Imported d.csv: 1 deployment added, 1 row refused." in response.content.decode()
    assert Deployment.objects.filter(
        organization=personas.alice.contact.organization, service__name="Cloud", region="US"
    ).exists()


def test_a_file_that_cannot_be_read_is_a_form_error(personas, login):
    client = login(personas.manager)
    response = client.post(PAGE, {"file": SimpleUploadedFile("d.csv", b"who,what\nx,y\n")})
    assert response.status_code == 400
    assert "organization and service are missing" in response.content.decode()


def test_agents_without_the_set_up_permission_cannot_import(personas, login):
    assert login(personas.tier1).get(PAGE).status_code == 403

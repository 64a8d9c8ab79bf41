"""A manager says on the organization's page which services of the incidents catalog it
uses and where, so an incident alerts the right customers; mistakes are shown at the
field and reach nothing."""

import pytest

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Organization
from charterdesk.incidents.models import Deployment, Service


@pytest.fixture
def newco(personas):
    return Organization.objects.create(name="Newco")


@pytest.fixture
def api_service(personas):
    return Service.objects.create(name="Newco test API")


def _add(client, organization, **data):
    fields = {f"deployment-{name}": value for name, value in data.items()}
    return client.post(f"/manage/organizations/{organization.pk}/deployments", fields)


def test_a_manager_adds_a_deployment_and_sees_it_listed(login, personas, newco, api_service):
    client = login(personas.manager)
    page = _add(client, newco, service=api_service.pk, region=" EU ")
    assert page["Location"] == f"/manage/organizations/{newco.pk}/"
    html = client.get(page["Location"]).content.decode()
    assert "Newco uses Newco test API in EU." in html
    assert 'Newco test API <span class="muted">EU</span>' in html
    row = Deployment.objects.get(organization=newco)
    assert (row.service, row.region) == (api_service, "EU")
    entry = AuditEntry.objects.get(kind="incidents.deployment", object_id=str(row.pk))
    assert entry.actor == personas.manager


def test_an_empty_region_means_every_region(login, personas, newco, api_service):
    client = login(personas.manager)
    html = _add(client, newco, service=api_service.pk, region="").content.decode()
    html = client.get(f"/manage/organizations/{newco.pk}/").content.decode()
    assert "every region" in html and "No deployment yet" not in html
    assert Deployment.objects.get(organization=newco).region == ""


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"service": "", "region": "EU"}, "This field is required."),
        ({"service": "999999", "region": "EU"}, "Select a valid choice."),
        ({"region": "EU, US"}, "Write a region as a word such as EU"),
        ({"region": "x" * 33}, "at most 32 characters"),
    ],
)
def test_a_bad_deployment_is_an_error_at_its_field(
    login, personas, newco, api_service, data, field_error
):
    client = login(personas.manager)
    page = _add(client, newco, **({"service": api_service.pk} | data))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nothing was saved" in html and field_error in html
    assert not Deployment.objects.filter(organization=newco).exists()


def test_the_same_deployment_twice_is_refused_in_words(login, personas, newco, api_service):
    Deployment.objects.create(organization=newco, service=api_service, region="EU")
    client = login(personas.manager)
    html = _add(client, newco, service=api_service.pk, region="EU").content.decode()
    assert "Newco already uses Newco test API in EU." in html
    assert Deployment.objects.filter(organization=newco).count() == 1


def test_a_manager_removes_a_deployment(login, personas, newco, api_service):
    row = Deployment.objects.create(organization=newco, service=api_service, region="US")
    client = login(personas.manager)
    page = client.post(f"/manage/deployments/{row.pk}/remove", follow=True).content.decode()
    assert "Newco no longer uses Newco test API in US" in page
    assert not Deployment.objects.filter(pk=row.pk).exists()


def test_agents_cannot_add_or_remove_deployments(login, personas, newco, api_service):
    row = Deployment.objects.create(organization=newco, service=api_service)
    client = login(personas.tier1)
    assert _add(client, newco, service=api_service.pk).status_code == 403
    assert client.post(f"/manage/deployments/{row.pk}/remove").status_code == 403
    assert Deployment.objects.filter(organization=newco).count() == 1


def test_the_page_reads_its_deployments_at_once(
    login, personas, newco, django_assert_max_num_queries
):
    for number in range(12):
        service = Service.objects.create(name=f"Service {number}")
        Deployment.objects.create(organization=newco, service=service, region="EU")
    client = login(personas.manager)
    with django_assert_max_num_queries(13):  # + the products and those it uses
        html = client.get(f"/manage/organizations/{newco.pk}/").content.decode()
    assert html.count("Remove Service") == 12


def test_the_api_and_the_admin_refuse_the_same_region(api, login, personas, newco, api_service):
    response = api.as_(personas.manager).post(
        f"/api/v1/organizations/{newco.pk}/deployments",
        {"service_id": api_service.pk, "region": "EU, US"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "no commas" in response.content.decode()
    page = login(personas.admin).post(
        "/admin/incidents/deployment/add/",
        {"organization": newco.pk, "service": api_service.pk, "region": "EU, US"},
    )
    assert page.status_code == 200 and "no commas" in page.content.decode()
    assert not Deployment.objects.filter(organization=newco).exists()

"""A manager lists, searches, adds and changes organizations on the settings page: the
list is paginated and searched by name or mail domain in a fixed number of queries,
mistakes are shown at their field with nothing saved, and every change is in the audit
log with the manager's name."""

import pytest
from django.core.exceptions import ValidationError

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Organization, OrganizationDomain

PAGES = ["/manage/organizations/", "/manage/organizations/new"]


@pytest.mark.parametrize("url", PAGES)
def test_managers_open_the_organization_pages_agents_are_refused_customers_see_nothing(
    login, personas, url
):
    assert login(personas.manager).get(url).status_code == 200
    assert login(personas.tier1).get(url).status_code == 403
    assert login(personas.alice).get(url).status_code == 404


def test_the_list_is_searched_by_name_or_domain(login, personas):
    client = login(personas.manager)
    by_name = client.get("/manage/organizations/", {"q": "glob"}).content.decode()
    assert "Globex" in by_name and "Acme Corp" not in by_name
    by_domain = client.get("/manage/organizations/", {"q": "acme.ex"}).content.decode()
    assert "Acme Corp" in by_domain and "Globex" not in by_domain
    nothing = client.get("/manage/organizations/", {"q": "zzz"}).content.decode()
    assert "No organization matches “zzz”." in nothing


def test_the_list_pages_fifty_at_a_time_in_a_fixed_number_of_queries(
    login, personas, django_assert_max_num_queries
):
    orgs = Organization.objects.bulk_create(
        [Organization(name=f"Customer {n:03}") for n in range(120)]
    )
    OrganizationDomain.objects.bulk_create(
        [OrganizationDomain(organization=o, domain=f"c{n}.example") for n, o in enumerate(orgs)]
    )
    client = login(personas.manager)
    with django_assert_max_num_queries(12):
        first = client.get("/manage/organizations/").content.decode()
    assert "Customer 000" in first and "Customer 060" not in first
    assert "Page 1 of 3" in first
    last = client.get("/manage/organizations/", {"page": "3"}).content.decode()
    assert "Customer 119" in last and "Customer 000" not in last


def test_a_manager_adds_an_organization_with_its_relationship_manager(login, personas):
    client = login(personas.manager)
    page = client.post(
        "/manage/organizations/new",
        {
            "name": " Newco ",
            "language": "de",
            "region": "eu",
            "is_partner": "on",
            "relationship_manager": personas.tier2.pk,
        },
    )
    newco = Organization.objects.get(name="Newco")
    assert page.status_code == 302 and page["Location"] == f"/manage/organizations/{newco.pk}/"
    assert (newco.language, newco.region, newco.is_partner) == ("de", "EU", True)
    assert newco.relationship_manager == personas.tier2
    entry = AuditEntry.objects.get(kind="customers.organization", object_id=str(newco.pk))
    assert entry.actor == personas.manager and entry.action == "created"
    assert entry.changes["relationship_manager"][1] == str(personas.tier2)


def test_mistakes_are_shown_at_their_field_and_nothing_is_saved(login, personas):
    client = login(personas.manager)
    page = client.post(
        "/manage/organizations/new",
        {"name": "Acme Corp", "language": "xx", "relationship_manager": personas.alice.pk},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nothing was saved" in html
    assert "Organization with this Name already exists." in html
    assert "Select a valid choice. xx is not one of the available choices." in html
    assert Organization.objects.filter(name="Acme Corp").count() == 1


def test_the_model_refuses_an_unknown_language_and_a_customer_as_manager(personas):
    with pytest.raises(ValidationError) as refused:
        Organization.objects.create(name="Newco", language="klingon")
    assert "no language code we know" in refused.value.message_dict["language"][0]
    with pytest.raises(ValidationError) as refused:
        Organization.objects.create(name="Newco", relationship_manager=personas.alice)
    assert "is not a valid choice" in refused.value.message_dict["relationship_manager"][0]

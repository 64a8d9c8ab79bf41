"""A manager sets up a contract on a page: a published plan, a period, hours, the
organization's own contacts as authorized contacts and administrators; an impossible
period, an overlap or too many authorized contacts is an error at its field; "Renew"
creates the next period from the current one."""

from datetime import date

from charterdesk.customers.models import Contact, Organization
from charterdesk.plans.models import Contract, Plan


def _data(**changes: object) -> dict[str, object]:
    gold = Plan.objects.get(name="Gold")
    data = {
        "plan": gold.pk,
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "hours_included": "40",
        "professional_services_hours": "8",
        "relationship_manager": "",
    }
    return data | changes


def test_a_manager_creates_a_contract_for_a_new_organization(login, personas):
    newco = Organization.objects.create(name="Newco")
    newco.domains.create(domain="newco.example")
    ann = Contact.objects.create(organization=newco, email="ann@newco.example", name="Ann")
    client = login(personas.manager)
    form = client.get("/manage/contracts/new", {"organization": newco.pk}).content.decode()
    assert "ann@newco.example" in form and "alice@acme.example" not in form
    data = _data(authorized_contacts=[ann.pk], administrators=[ann.pk])
    page = client.post(f"/manage/contracts/new?organization={newco.pk}", data)
    contract = Contract.objects.get(organization=newco)
    assert page.status_code == 302 and page["Location"] == f"/manage/contracts/{contract.pk}/"
    assert list(contract.administrators.all()) == [ann]
    assert contract.period_text() == "1 Jan 2027 – 31 Dec 2027"


def test_mistakes_are_shown_at_their_field(login, personas):
    acme = Organization.objects.get(name="Acme Corp")
    client = login(personas.manager)
    url = f"/manage/contracts/new?organization={acme.pk}"
    html = client.post(url, _data(ends_on="2026-06-01", starts_on="2026-07-01")).content.decode()
    assert "The contract must end after it starts." in html and "Nothing was saved" in html
    html = client.post(url, _data(starts_on="2026-03-01")).content.decode()
    assert "overlaps the organization&#x27;s contract" in html
    html = client.post(url, _data(ends_on="9999-12-31")).content.decode()
    assert "on or before 31 Dec 2099" in html
    bob = Contact.objects.get(email="bob@globex.example")
    html = client.post(url, _data(starts_on="2030-01-01", ends_on="", administrators=[bob.pk]))
    assert "Select a valid choice" in html.content.decode()
    assert Contract.objects.filter(organization=acme).count() == 1


def test_the_plan_caps_the_authorized_contacts(login, personas):
    globex = Organization.objects.get(name="Globex")
    capped = Plan.objects.filter(max_authorized_contacts__isnull=False).first()
    contacts = [
        Contact.objects.create(organization=globex, email=f"c{n}@globex.example")
        for n in range((capped.max_authorized_contacts or 0) + 1)
    ]
    page = login(personas.manager).post(
        f"/manage/contracts/new?organization={globex.pk}",
        _data(plan=capped.pk, starts_on="2030-01-01", authorized_contacts=[c.pk for c in contacts]),
    )
    assert f"allows {capped.max_authorized_contacts} authorized contacts" in page.content.decode()


def test_renew_creates_the_next_period_from_the_current_one(login, personas):
    contract = Contract.objects.get(organization__name="Acme Corp")
    client = login(personas.manager)
    page = client.post(f"/manage/contracts/{contract.pk}/renew")
    renewed = Contract.objects.exclude(pk=contract.pk).get(organization=contract.organization)
    assert page["Location"] == f"/manage/contracts/{renewed.pk}/"
    assert renewed.starts_on == date(contract.ends_on.year + 1, 1, 1)
    assert renewed.ends_on == date(contract.ends_on.year + 2, 12, 31)
    assert renewed.plan == contract.plan and renewed.hours_purchased == 0
    assert set(renewed.authorized_contacts.all()) == set(contract.authorized_contacts.all())
    page = client.post(f"/manage/contracts/{contract.pk}/renew", follow=True)
    assert "Not renewed" in page.content.decode()  # the next period exists already

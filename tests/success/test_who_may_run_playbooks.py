from charterdesk.customers.models import Organization

from .factories import published_playbook


def test_a_relationship_manager_runs_playbooks_only_for_their_accounts(personas, api):
    playbook = published_playbook(personas.manager)
    globex = Organization.objects.get(name="Globex")
    globex.relationship_manager = personas.tier2
    globex.save()
    client = api.as_(personas.tier2)
    mine = client.post(
        f"/api/v1/playbooks/{playbook.pk}/runs",
        {"organization_id": globex.pk},
        content_type="application/json",
    )
    assert mine.status_code == 201, mine.content
    assert mine.json()["tasks"][0]["owner_email"] == personas.tier2.email
    acme = Organization.objects.get(name="Acme Corp")
    other = client.post(
        f"/api/v1/playbooks/{playbook.pk}/runs",
        {"organization_id": acme.pk},
        content_type="application/json",
    )
    assert other.status_code == 403


def test_customers_do_not_see_playbook_pages(personas, login):
    playbook = published_playbook(personas.manager)
    client = login(personas.alice)
    assert client.get("/desk/playbooks/").status_code == 403
    assert client.get(f"/desk/playbooks/{playbook.pk}/").status_code == 403

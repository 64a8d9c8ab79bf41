"""Writing playbooks in the desk: a new one with steps and templates, field errors on bad
input, a new version published while runs keep theirs, archiving; only writers."""

from charterdesk.success.models import Playbook, PlaybookRun, PlaybookVersion, VersionState

from .factories import published_playbook, run_on


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Renewal",
        "situation": "renewal",
        "summary": "Three months before the end of the contract.",
        "script": "**You:** How did this year go?",
        "change_note": "",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-0-title": "Usage summary",
        "steps-0-owner_role": "assigned_agent",
        "steps-0-due_days": "0",
        "steps-1-title": "Renewal call",
        "steps-1-owner_role": "relationship_manager",
        "steps-1-due_days": "5",
        "steps-2-title": "",
        "steps-2-owner_role": "assigned_agent",
        "steps-2-due_days": "0",
        "templates-TOTAL_FORMS": "1",
        "templates-INITIAL_FORMS": "0",
        "templates-0-name": "Invite",
        "templates-0-subject": "Your renewal, {organization}",
        "templates-0-body": "Hello {contact_first_name}",
        "action": "publish",
    }
    return {**data, **overrides}


def test_a_manager_writes_and_publishes_a_playbook_in_the_desk(personas, login):
    client = login(personas.manager)
    assert client.get("/desk/playbooks/new").status_code == 200
    response = client.post("/desk/playbooks/new", _form())
    assert response.status_code == 302, response.content.decode()[:3000]
    playbook = Playbook.objects.get()
    assert playbook.live_version is not None
    assert [s.title for s in playbook.live_version.steps.all()] == ["Usage summary", "Renewal call"]
    assert playbook.live_version.steps.get(position=2).due_days == 5
    page = client.get(response["Location"]).content.decode()
    assert "Renewal call" in page and "Your renewal, {organization}" in page


def test_bad_input_shows_field_errors_and_saves_nothing(personas, login):
    client = login(personas.manager)
    bad = _form(**{"title": "", "steps-1-due_days": "999", "templates-0-body": "Hi {secret_key}"})
    response = client.post("/desk/playbooks/new", bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Ensure this value is less than or equal to 365." in page
    assert Playbook.objects.count() == 0
    response = client.post("/desk/playbooks/new", _form(**{"templates-0-body": "Hi {secret_key}"}))
    assert response.status_code == 200
    assert "secret_key" in response.content.decode()
    assert 'class="invalid"' in response.content.decode()
    assert Playbook.objects.count() == 0


def test_a_named_person_step_needs_a_person(personas, login):
    client = login(personas.manager)
    response = client.post("/desk/playbooks/new", _form(**{"steps-0-owner_role": "named_person"}))
    assert response.status_code == 200
    assert "Name a member of the support staff for this step." in response.content.decode()


def test_a_new_version_is_published_and_runs_keep_the_version_they_started_with(personas, login):
    playbook = published_playbook(personas.manager)
    run = run_on(playbook, "Acme Corp", personas.manager)
    client = login(personas.manager)
    editor = client.get(f"/desk/playbooks/{playbook.pk}/edit").content.decode()
    assert 'value="Kick-off call"' in editor  # starts from the live version
    data = _form(
        title="Onboarding, second edition",
        situation="onboarding",
        change_note="A shorter first week",
        action="save",
    )
    assert client.post(f"/desk/playbooks/{playbook.pk}/edit", data).status_code == 302
    playbook.refresh_from_db()
    assert playbook.live_version is not None and playbook.live_version.number == 1
    assert client.post(f"/desk/playbooks/{playbook.pk}/publish").status_code == 302
    playbook.refresh_from_db()
    assert playbook.live_version is not None
    assert (playbook.live_version.number, playbook.live_version.title) == (
        2,
        "Onboarding, second edition",
    )
    states = dict(PlaybookVersion.objects.filter(playbook=playbook).values_list("number", "state"))
    assert states == {1: VersionState.SUPERSEDED, 2: VersionState.PUBLISHED}
    run = PlaybookRun.objects.get(pk=run.pk)
    assert run.version.number == 1
    assert [t.title for t in run.tasks.order_by("position")][0] == "Kick-off call"
    page = client.get(f"/desk/playbooks/{playbook.pk}/").content.decode()
    assert "A shorter first week" in page


def test_an_archived_playbook_no_longer_runs_and_leaves_the_list(personas, login):
    playbook = published_playbook(personas.manager, situation="renewal")
    client = login(personas.manager)
    assert client.post(f"/desk/playbooks/{playbook.pk}/archive").status_code == 302
    playbook.refresh_from_db()
    assert playbook.archived_at is not None
    listing = client.get("/desk/playbooks/").content.decode()
    assert 'data-testid="unpublished"' in listing and "archived" in listing
    agent_list = login(personas.tier1).get("/desk/playbooks/").content.decode()
    assert "Onboarding a new customer" not in agent_list
    client = login(personas.manager)
    response = client.post(
        f"/desk/playbooks/{playbook.pk}/runs",
        {"organization": personas.alice.contact.organization_id},
    )
    assert "This playbook is archived" in response.content.decode()
    assert PlaybookRun.objects.count() == 0
    client.post(f"/desk/playbooks/{playbook.pk}/restore")
    playbook.refresh_from_db()
    assert playbook.archived_at is None


def test_the_default_onboarding_playbook_cannot_be_archived(personas, login):
    from charterdesk.success import playbooks

    playbook = published_playbook(personas.manager)
    playbooks.playbook_set_default_onboarding(playbook=playbook, actor=personas.manager)
    client = login(personas.manager)
    response = client.post(f"/desk/playbooks/{playbook.pk}/archive", follow=True)
    assert "make another the default first" in response.content.decode()
    playbook.refresh_from_db()
    assert playbook.archived_at is None


def test_agents_and_customers_cannot_write_playbooks(personas, login):
    playbook = published_playbook(personas.manager)
    for user in (personas.tier1, personas.alice):
        client = login(user)
        assert client.get("/desk/playbooks/new").status_code == 403
        assert client.post("/desk/playbooks/new", _form()).status_code == 403
        assert client.post(f"/desk/playbooks/{playbook.pk}/archive").status_code == 403
        assert client.post(f"/desk/playbooks/{playbook.pk}/edit", _form()).status_code == 403
    assert Playbook.objects.count() == 1
    playbook.refresh_from_db()
    assert playbook.archived_at is None

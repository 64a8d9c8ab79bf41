from datetime import timedelta

from django.utils import timezone

from charterdesk.customers.models import Organization
from charterdesk.mail.models import OutboundMail
from charterdesk.success.models import Lesson, RunTask, TaskState
from tests.tickets.factories import open_ticket

from .factories import published_playbook, run_on


def test_the_account_page_shows_health_reasons_tasks_contacts(personas, login):
    playbook = published_playbook(personas.manager)
    run = run_on(playbook, "Acme Corp", personas.manager)
    RunTask.objects.filter(run=run, position=1).update(due_at=timezone.now() - timedelta(days=1))
    open_ticket()
    acme = Organization.objects.get(name="Acme Corp")
    page = login(personas.tier1).get(f"/desk/accounts/{acme.pk}/").content.decode()
    assert 'data-testid="health-score">98<' in page
    assert "Open tickets" in page and "−2" not in page and "-2" in page
    assert "Kick-off call" in page and "(overdue)" in page
    assert "alice@acme.example" in page
    assert "Morgan Lee" in page  # the relationship manager


def test_the_ticket_page_links_to_the_account(personas, login):
    ticket = open_ticket()
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert f'href="/desk/accounts/{ticket.organization_id}/"' in page


def test_the_accounts_list_runs_a_fixed_number_of_queries(
    personas, login, django_assert_max_num_queries
):
    client = login(personas.tier1)
    client.get("/desk/accounts/")  # warm the session
    for _ in range(3):
        Organization.objects.create(name=f"Org {_}")
    with django_assert_max_num_queries(8):
        page = client.get("/desk/accounts/")
    assert page.status_code == 200
    assert "Org 0" in page.content.decode()


def test_customers_do_not_see_account_pages(personas, login):
    acme = Organization.objects.get(name="Acme Corp")
    assert login(personas.alice).get(f"/desk/accounts/{acme.pk}/").status_code == 403


def test_a_playbook_page_renders_the_script_safely_and_takes_lessons(personas, login):
    playbook = published_playbook(personas.manager)
    client = login(personas.tier1)
    page = client.get(f"/desk/playbooks/{playbook.pk}/").content.decode()
    assert "<strong>You:</strong>" in page
    assert "<script>alert(1)</script>" not in page
    response = client.post(
        f"/desk/playbooks/{playbook.pk}/lessons", {"text": "Ask who signs the renewal."}
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.author, lesson.text) == (personas.tier1, "Ask who signs the renewal.")
    assert (
        "Ask who signs the renewal."
        in client.get(f"/desk/playbooks/{playbook.pk}/").content.decode()
    )


def test_playbooks_are_found_by_search(personas, login):
    published_playbook(personas.manager)
    published_playbook(
        personas.manager,
        title="Calming an angry customer",
        situation="objection",
        templates=[],
        summary="When the customer is upset.",
    )
    page = login(personas.tier1).get("/desk/playbooks/?q=angry").content.decode()
    assert "1 playbook found" in page
    assert "Calming" in page


def test_an_account_manager_runs_a_playbook_finishes_a_task_and_mails_a_contact(personas, login):
    playbook = published_playbook(personas.manager)
    client = login(personas.manager)
    acme = Organization.objects.get(name="Acme Corp")
    response = client.post(f"/desk/playbooks/{playbook.pk}/runs", {"organization": acme.pk})
    assert response.status_code == 302
    run_url = response["Location"]
    task = RunTask.objects.get(position=1)
    done = client.post(f"{run_url}tasks/{task.pk}/finish", {"state": "done", "note": "Went well"})
    assert done.status_code == 302
    task.refresh_from_db()
    assert (task.state, task.note) == (TaskState.DONE, "Went well")
    template = task.run.version.templates.get()
    alice = personas.alice.contact
    sent = client.post(
        f"{run_url}tasks/{task.pk}/mail", {"template": template.pk, "contacts": [alice.pk]}
    )
    assert sent.status_code == 302
    assert OutboundMail.objects.get(recipient=alice.email).subject == "Welcome, Acme Corp"
    page = client.get(run_url).content.decode()
    assert "Welcome, Acme Corp" in page


def test_an_agent_cannot_run_a_playbook_on_an_account_they_do_not_manage(personas, login):
    playbook = published_playbook(personas.manager)
    acme = Organization.objects.get(name="Acme Corp")
    response = login(personas.tier1).post(
        f"/desk/playbooks/{playbook.pk}/runs", {"organization": acme.pk}
    )
    assert response.status_code == 403
    assert not RunTask.objects.exists()

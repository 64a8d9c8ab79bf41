"""A manager copies a plan into a draft, edits its terms and both matrices on one page,
sees every mistake next to its cell, and publishes it; the public coverage page shows a
plan only once it is published, and a published plan's terms are not edited in place."""

from django.forms.models import model_to_dict
from django.test import Client

from charterdesk.plans.models import Plan, PlanStatus, ResponseTarget
from charterdesk.sla.models import Calendar


def _copy(client, name="Platinum", source="Gold"):
    gold = Plan.objects.get(name=source)
    page = client.post("/manage/plans/", {"name": name, "copy_from": gold.pk})
    return Plan.objects.get(name=name), page


def _post_data(client, plan: Plan, **changes: object) -> dict[str, object]:
    """Everything the edit page shows for the plan, as it would be posted back."""
    page = client.get(f"/manage/plans/{plan.pk}/")
    data: dict[str, object] = {}
    for form in (page.context["form"], page.context["terms"]):
        for name in form.fields:
            value = form[name].value()
            data[name] = "" if value is None else value
    data["sla_pause_on_hold"] = "on" if data["sla_pause_on_hold"] else ""
    data.update(changes)
    return data


def test_copying_a_plan_makes_a_draft_with_its_terms_and_targets(login, personas):
    client = login(personas.manager)
    platinum, page = _copy(client)
    assert page["Location"] == f"/manage/plans/{platinum.pk}/"
    gold = Plan.objects.get(name="Gold")
    assert platinum.status == PlanStatus.DRAFT and platinum.channels == gold.channels
    assert platinum.targets.count() == gold.targets.count() > 0
    assert platinum.coverages.count() == gold.coverages.count()
    assert "Platinum" not in Client().get("/coverage/").content.decode()


def test_the_matrices_are_saved_cell_by_cell_and_publishing_shows_the_plan(login, personas):
    client = login(personas.manager)
    platinum, _ = _copy(client)
    data = _post_data(
        client,
        platinum,
        **{"t-downtime-urgent-first_reply": "15", "t-how_to-low-resolution": ""},
        **{"c-consulting-decision": "not_covered", "c-consulting-alternative": "partner"},
        channels=["portal", "phone"],
        incident_rule="keep_running",
    )
    page = client.post(f"/manage/plans/{platinum.pk}/", data)
    assert page.status_code == 302, page.context["form"].errors or page.context["terms"].errors
    cell = ResponseTarget.objects.get(
        plan=platinum, request_type="downtime", priority="urgent", metric="first_reply"
    )
    assert cell.minutes == 15
    assert not platinum.targets.filter(
        request_type="how_to", priority="low", metric="resolution"
    ).exists()
    platinum.refresh_from_db()
    assert platinum.channels == ["portal", "phone"]
    assert platinum.incident_rule == "keep_running"
    assert platinum.coverages.get(request_type="consulting").alternative == "partner"
    client.post(f"/manage/plans/{platinum.pk}/publish")
    platinum.refresh_from_db()
    assert platinum.status == PlanStatus.PUBLISHED and platinum.published_at is not None
    assert "Platinum" in Client().get("/coverage/").content.decode()


def test_mistakes_are_shown_at_their_field_and_cell_and_nothing_is_saved(login, personas):
    client = login(personas.manager)
    platinum, _ = _copy(client)
    data = _post_data(
        client,
        platinum,
        channels=["portal", "fax"],
        consulting_rate="-100",
        currency="euro",
        **{"t-error-high-next_reply": "-5", "c-how_to-decision": "not_covered"},
        **{"c-how_to-alternative": ""},
    )
    page = client.post(f"/manage/plans/{platinum.pk}/", data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Select a valid choice. fax is not one of the available choices." in html
    assert "Ensure this value is greater than or equal to 0." in html or "zero or more" in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert "Say what a customer is offered instead" in html
    platinum.refresh_from_db()
    assert platinum.consulting_rate >= 0 and "fax" not in platinum.channels


def test_a_published_plan_is_shown_but_not_changed_in_place(login, personas):
    client = login(personas.manager)
    gold = Plan.objects.get(name="Gold")
    before = model_to_dict(gold)
    data = _post_data(client, gold, consulting_rate="999")
    page = client.post(f"/manage/plans/{gold.pk}/", data)
    assert page.status_code == 200
    assert "its terms are what customers were promised" in page.content.decode()
    gold.refresh_from_db()
    assert model_to_dict(gold) == before


def test_a_new_empty_plan_needs_a_name_and_a_calendar(login, personas):
    client = login(personas.manager)
    page = client.post("/manage/plans/", {"name": "Gold"})
    html = page.content.decode()
    assert "A plan of this name exists already." in html
    assert "Choose the calendar of the new plan, or a plan to copy." in html
    calendar = Calendar.objects.get(name="24×7")
    client.post("/manage/plans/", {"name": "Starter", "calendar": calendar.pk})
    starter = Plan.objects.get(name="Starter")
    assert starter.status == PlanStatus.DRAFT and starter.targets.count() == 0

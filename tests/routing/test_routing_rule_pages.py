from charterdesk.plans.models import Plan
from charterdesk.routing.models import Queue, RoutingRule


def _rule(name, position=0, **fields):
    return RoutingRule.objects.create(
        name=name, position=position, queue=Queue.objects.get(name="Frontline"), **fields
    )


def test_a_manager_creates_a_rule_from_the_desk(personas, login):
    client = login(personas.manager)
    incidents = Queue.objects.get(name="Incidents")
    gold = Plan.objects.get(name="Gold")
    response = client.post(
        "/desk/routing/rules/new",
        {
            "name": "Gold downtime",
            "queue": incidents.pk,
            "position": 5,
            "enabled": "on",
            "request_types": ["downtime"],
            "plans": [gold.pk],
            "languages": "de, FR",
        },
        follow=True,
    )
    assert "Rule “Gold downtime” saved." in response.content.decode()
    rule = RoutingRule.objects.get()
    assert (rule.queue, rule.plans, rule.languages, rule.request_types) == (
        incidents,
        [gold.pk],
        ["de", "FR"],
        ["downtime"],
    )
    page = client.get("/desk/routing/rules").content.decode()
    assert "type Downtime; 1 plan; language de or FR<" in page


def test_a_bad_rule_form_shows_field_errors_not_a_crash(personas, login):
    _rule("Taken")
    response = login(personas.manager).post(
        "/desk/routing/rules/new",
        {"name": "Taken", "position": -1, "request_types": ["nonsense"]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required" in page  # queue
    assert "greater than or equal to 0" in page
    assert "nonsense is not one of the available choices" in page
    valid_but_taken = login(personas.manager).post(
        "/desk/routing/rules/new",
        {"name": "Taken", "position": 1, "queue": Queue.objects.get(name="Frontline").pk},
    )
    assert "Another rule has this name." in valid_but_taken.content.decode()
    assert RoutingRule.objects.count() == 1


def test_a_manager_edits_a_rule(personas, login):
    rule = _rule("Old name", regions=["EU"])
    client = login(personas.manager)
    form = client.get(f"/desk/routing/rules/{rule.pk}").content.decode()
    assert 'value="EU"' in form
    client.post(
        f"/desk/routing/rules/{rule.pk}",
        {"name": "New name", "queue": rule.queue_id, "position": 3, "regions": "EU, APAC"},
    )
    rule.refresh_from_db()
    assert (rule.name, rule.regions, rule.enabled) == ("New name", ["EU", "APAC"], False)


def test_a_manager_reorders_and_disables_rules(personas, login):
    a, b, c = _rule("A", 1), _rule("B", 2), _rule("C", 3)
    client = login(personas.manager)
    client.post(f"/desk/routing/rules/{c.pk}/move", {"to": "up"})
    order = list(RoutingRule.objects.order_by("position").values_list("name", flat=True))
    assert order == ["A", "C", "B"]
    client.post(f"/desk/routing/rules/{a.pk}/move", {"to": "down"})
    order = list(RoutingRule.objects.order_by("position").values_list("name", flat=True))
    assert order == ["C", "A", "B"]
    client.post(f"/desk/routing/rules/{b.pk}/toggle")
    assert not RoutingRule.objects.get(pk=b.pk).enabled
    client.post(f"/desk/routing/rules/{b.pk}/delete")
    assert not RoutingRule.objects.filter(pk=b.pk).exists()


def test_agents_read_the_rules_but_only_managers_edit_them(personas, login):
    rule = _rule("Visible")
    client = login(personas.tier1)
    page = client.get("/desk/routing/rules").content.decode()
    assert "Visible" in page and "New rule" not in page
    assert client.get("/desk/routing/rules/new").status_code == 403
    assert client.post(f"/desk/routing/rules/{rule.pk}/toggle").status_code == 403
    assert RoutingRule.objects.get().enabled


def test_customers_cannot_open_the_routing_pages(personas, login):
    rule = _rule("Hidden")
    client = login(personas.alice)
    for url in ("/desk/routing/rules", f"/desk/routing/rules/{rule.pk}", "/desk/agents"):
        assert client.get(url).status_code == 403
    assert client.post(f"/desk/routing/rules/{rule.pk}/delete").status_code == 403
    assert RoutingRule.objects.exists()


def test_the_rule_form_offers_the_categories(personas, login):
    from charterdesk.tickets.services import category_create

    billing = category_create(actor=personas.manager, name="Billing")
    refunds = category_create(actor=personas.manager, name="Refunds", parent=billing)
    client = login(personas.manager)
    form = client.get("/desk/routing/rules/new").content.decode()
    assert f'<option value="{refunds.pk}">Billing › Refunds</option>' in form
    client.post(
        "/desk/routing/rules/new",
        {
            "name": "Refunds",
            "queue": Queue.objects.get(name="Frontline").pk,
            "position": 5,
            "enabled": "on",
            "categories": [billing.pk],
            "set_category": refunds.pk,
        },
    )
    rule = RoutingRule.objects.get()
    assert (rule.categories, rule.set_category) == ([billing.pk], refunds)
    page = client.get("/desk/routing/rules").content.decode()
    assert "1 category" in page and "sets category Billing › Refunds" in page

import re

from django.urls import reverse

from .helpers import ticket_in, tree


def test_volume_counts_tickets_by_category_and_drills_down_to_them(personas, login):
    _, refunds = tree(personas.manager)
    mine = [ticket_in(refunds), ticket_in(refunds)]
    ticket_in(None)
    page = login(personas.tier1).get(reverse("insights:volume")).content.decode()
    assert "Billing › Refunds" in page
    link = re.search(rf'href="([^"]*dimension=category&amp;value={refunds.pk})"', page)
    assert link is not None
    behind = login(personas.tier1).get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "2 tickets" in behind
    assert all(f"#{t.pk} " in behind for t in mine)


def test_every_table_downloads_as_csv(personas, login):
    _, refunds = tree(personas.manager)
    ticket_in(refunds)
    response = login(personas.tier1).get(
        reverse("insights:volume"), {"format": "csv", "table": "category"}
    )
    assert response["Content-Type"] == "text/csv"
    lines = response.content.decode().splitlines()
    assert lines[0] == "category,label,tickets"
    assert f"{refunds.pk},Billing › Refunds,1" in lines


def test_the_page_takes_a_fixed_number_of_queries(personas, login, django_assert_max_num_queries):
    _, refunds = tree(personas.manager)
    for _ in range(3):
        ticket_in(refunds)
    client = login(personas.tier1)
    client.get(reverse("insights:volume"))  # sessions, permissions warm
    with django_assert_max_num_queries(16) as few:
        client.get(reverse("insights:volume"))
    for _ in range(10):
        ticket_in(refunds)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("insights:volume"))


def test_a_category_growing_against_its_baseline_is_trending(personas, login):
    _, refunds = tree(personas.manager)
    for _ in range(6):
        ticket_in(refunds, days_ago=2)
    ticket_in(refunds, days_ago=20)
    page = login(personas.tier1).get(reverse("insights:volume")).content.decode()
    trending = page.split('id="trending"')[1].split("</section>")[0]
    assert "Billing › Refunds" in trending
    assert "6 in 7 days, 1 in the 28 before" in trending


def test_customers_cannot_open_the_reports(personas, login):
    response = login(personas.alice).get(reverse("insights:volume"))
    assert response.status_code in (302, 403)

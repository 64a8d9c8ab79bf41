"""The settings area is for support managers and administrators: other staff are told
no (403), customers do not learn it exists (404), and only those who may use it see the
link in the desk's navigation."""

import pytest

PAGES = ["/manage/", "/manage/calendars/", "/manage/calendars/new", "/manage/audit/"]


@pytest.mark.parametrize("url", PAGES)
def test_managers_and_administrators_open_every_settings_page(login, personas, url):
    assert login(personas.manager).get(url).status_code == 200
    assert login(personas.admin).get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_agents_are_refused_and_customers_see_no_such_page(login, personas, url):
    assert login(personas.tier1).get(url).status_code == 403
    assert login(personas.tier3).get(url).status_code == 403
    assert login(personas.alice).get(url).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    page = client.get("/manage/")
    assert page.status_code == 302 and page["Location"].startswith("/login/")


def test_only_those_who_may_use_it_see_the_settings_link(login, personas):
    assert 'href="/manage/"' in login(personas.manager).get("/desk/").content.decode()
    assert 'href="/manage/"' not in login(personas.tier1).get("/desk/").content.decode()

"""The top bar's links are worked out once per process (`{% link %}`, core/templatetags):
the same addresses as `{% url %}`, under whatever prefix the site is served at."""

from django.template import Context, Template
from django.urls import reverse, set_script_prefix

LINK = Template("{% load links %}{% link 'desk:queue' %}")


def test_the_agents_top_bar_links_every_page_it_names(personas, login):
    page = login(personas.tier1).get("/account/").content.decode()
    for name in ("desk:queue", "desk:new_ticket", "incidents:list", "knowledge:list", "logout"):
        assert f'"{reverse(name)}"' in page


def test_a_link_follows_the_prefix_the_site_is_served_at():
    assert LINK.render(Context()) == "/desk/"
    set_script_prefix("/support/")
    try:
        assert LINK.render(Context()) == "/support/desk/"
    finally:
        set_script_prefix("/")
    assert LINK.render(Context()) == "/desk/"

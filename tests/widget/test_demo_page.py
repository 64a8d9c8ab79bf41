"""`make run`'s demo: the pretend vendor product carries the widget, and its backend signs
a token that the widget exchanges for the demo customer's session."""

from django.utils import timezone

from charterdesk.demo.reference import build_reference
from charterdesk.demo.widget import add_demo, demo_origins
from charterdesk.widget.models import WidgetKey

from .helpers import exchange


def test_demo_page_embeds_the_widget_signed_in_as_alice(client, personas):
    add_demo(build_reference(), timezone.now())
    add_demo(build_reference(), timezone.now())  # run again: nothing new
    key = WidgetKey.objects.get()
    page = client.get("/widget/demo/").content.decode()
    assert f'data-key="{key.kid}"' in page and "/widget/loader.js" in page
    token = client.get("/widget/demo/token").json()["token"]
    response = exchange(client, token, origin=demo_origins()[0])
    assert response.status_code == 200
    assert response.json()["contact"]["email"] == "alice@acme.example"


def test_demo_pages_are_missing_without_the_demo_key(client, personas):
    assert client.get("/widget/demo/").status_code == 404
    assert client.get("/widget/demo/token").status_code == 404

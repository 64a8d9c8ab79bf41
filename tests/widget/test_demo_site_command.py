"""`charterdesk widget demo-site`: a vendor's page on another origin than CharterDesk's,
with the widget's tag and a token endpoint signing for the demo customer with the demo
key, which allows that origin."""

import json
from urllib.request import urlopen

import jwt
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from charterdesk.demo.reference import build_reference
from charterdesk.demo.widget import add_demo
from charterdesk.widget.demo_site import vendor_site
from charterdesk.widget.demo_views import demo_key_allowing
from charterdesk.widget.models import WidgetKey

from .helpers import exchange


def test_the_demo_key_allows_the_demo_sites_origin(personas):
    add_demo(build_reference(), timezone.now())
    assert "http://127.0.0.1:8001" in WidgetKey.objects.get().allowed_origins
    key = demo_key_allowing("http://127.0.0.1:9001")  # another port: added to the demo key
    assert key is not None and "http://127.0.0.1:9001" in key.allowed_origins
    key.refresh_from_db()
    assert key.allowed_origins.count("http://127.0.0.1:9001") == 1
    demo_key_allowing("http://127.0.0.1:9001")
    key.refresh_from_db()
    assert key.allowed_origins.count("http://127.0.0.1:9001") == 1


def test_the_vendor_page_embeds_the_widget_and_its_backend_signs_a_usable_token(client, personas):
    add_demo(build_reference(), timezone.now())
    key = WidgetKey.objects.get()
    with vendor_site("http://127.0.0.1:8000", key, "alice@acme.example") as site:
        page = urlopen(site.url).read().decode()  # noqa: S310 - our own test server
        token = json.load(urlopen(site.origin + "/token"))["token"]  # noqa: S310
    assert 'src="http://127.0.0.1:8000/widget/loader.js"' in page
    assert f'data-key="{key.kid}"' in page
    assert jwt.get_unverified_header(token)["kid"] == key.kid
    key.allowed_origins = [*key.allowed_origins, site.origin]
    key.save()
    answer = exchange(client, token, origin=site.origin)
    assert answer.status_code == 200
    assert answer.json()["contact"]["email"] == "alice@acme.example"


def test_without_the_demo_data_the_command_says_what_to_do(personas):
    with pytest.raises(CommandError, match="load the demo data first") as refused:
        call_command("widget", "demo-site", "--port", "8001")
    assert refused.value.returncode == 2

"""Every token the exchange must refuse is refused with 401 and a reason a vendor's
developer can act on; nothing becomes a session."""

import base64
import json
import time

import jwt
import pytest
from django.utils import timezone

from charterdesk.widget.models import WidgetSession
from charterdesk.widget.services import widget_key_revoke

from .helpers import claims_for, exchange, new_key, token_for


@pytest.fixture
def key(personas):
    return new_key(personas.manager)


def _refused(client, token, reason: str, origin="https://app.vendor.example") -> None:
    response = exchange(client, token, origin)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert reason in response.json()["detail"]
    assert not WidgetSession.objects.exists()


def test_a_good_token_becomes_a_session_of_its_contact(client, key, personas):
    response = exchange(client, token_for(*key, "alice@acme.example"))
    assert response.status_code == 200
    assert response.json()["session"].startswith("wgs_")
    assert WidgetSession.objects.get().contact == personas.alice.contact


def test_expired_token_is_refused(client, key):
    old = int(time.time()) - 600
    token = token_for(*key, "alice@acme.example", iat=old, exp=old + 60)
    _refused(client, token, "expired")


def test_token_issued_in_the_future_is_refused(client, key):
    later = int(time.time()) + 3600
    token = token_for(*key, "alice@acme.example", iat=later, exp=later + 60)
    _refused(client, token, "not valid yet")


def test_tampered_token_is_refused(client, key):
    header, payload, signature = token_for(*key, "alice@acme.example").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["email"] = "bob@globex.example"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    _refused(client, f"{header}.{forged}.{signature}", "signature does not match")


def test_token_signed_with_another_secret_is_refused(client, key):
    wrong = jwt.encode(
        claims_for("alice@acme.example"), "x" * 43, algorithm="HS256", headers={"kid": key[0].kid}
    )
    _refused(client, wrong, "signature does not match")


def test_alg_none_is_refused(client, key):
    unsigned = jwt.encode(
        claims_for("alice@acme.example"), None, algorithm="none", headers={"kid": key[0].kid}
    )
    _refused(client, unsigned, "must be signed with HS256")


def test_unknown_kid_is_refused(client, key):
    token = jwt.encode(
        claims_for("alice@acme.example"), key[1], algorithm="HS256", headers={"kid": "wk_nope"}
    )
    _refused(client, token, "No widget key")


def test_revoked_key_is_refused(client, key):
    widget_key_revoke(key=key[0], at=timezone.now())
    _refused(client, token_for(*key, "alice@acme.example"), "revoked")


def test_replayed_token_is_refused(client, key):
    token = token_for(*key, "alice@acme.example")
    assert exchange(client, token).status_code == 200
    response = exchange(client, token)
    assert response.status_code == 401
    assert "used already" in response.json()["detail"]
    assert WidgetSession.objects.count() == 1


def test_token_living_too_long_is_refused(client, key):
    now = int(time.time())
    _refused(
        client, token_for(*key, "alice@acme.example", iat=now, exp=now + 3600), "longer than 10"
    )


def test_token_without_jti_is_refused(client, key):
    _refused(client, token_for(*key, "alice@acme.example", jti=None), "'jti'")


def test_origin_not_allowed_is_refused(client, key):
    _refused(client, token_for(*key, "alice@acme.example"), "not allowed", "https://evil.example")


def test_missing_origin_is_refused(client, key):
    _refused(client, token_for(*key, "alice@acme.example"), "not allowed", None)


def test_garbage_is_refused(client, key):
    _refused(client, "not-a-token", "not a JWT")
    _refused(client, 42, "Send the vendor's token")


def test_org_hint_of_another_organization_is_refused(client, key):
    _refused(client, token_for(*key, "alice@acme.example", org="Globex"), "org claim")


def test_unknown_address_is_refused_unless_the_key_creates_contacts(client, key):
    _refused(client, token_for(*key, "newcomer@acme.example"), "does not create contacts")

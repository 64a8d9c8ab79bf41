"""A NUL character or a lone UTF-16 surrogate in any string of any request is refused
with a 422 naming the field, before a handler runs: PostgreSQL cannot store either, and a
surrogate stored on SQLite breaks every page that prints it."""

import json

import pytest
from django.test import Client

from charterdesk.routing.models import Queue, RoutingRule
from charterdesk.tickets.models import Ticket

# As a client sends them: in JSON (escaped) and in a query string (percent-encoded). A
# query string is bytes decoded as UTF-8, so no lone surrogate comes from one.
INVALID = {"nul": (r"a\u0000b", "a%00b"), "surrogate": (r"a\ud800b", None)}


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _is_text(schema: dict) -> bool:
    options = [schema, *schema.get("anyOf", [])]
    return any(o.get("type") == "string" and "enum" not in o for o in options)


def _text_fields(document: dict) -> list[tuple[str, str, str, str]]:
    """(method, path, where, field) for every free-text field of every operation."""
    fields = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and _is_text(parameter["schema"]):
                    fields.append((method, path, "query", parameter["name"]))
            for media in operation.get("requestBody", {}).get("content", {}).values():
                body = _resolve(document, media["schema"])
                for name, prop in body.get("properties", {}).items():
                    if _is_text(prop):
                        fields.append((method, path, "body", name))
    return fields


def _url(path: str) -> str:
    """The path with every id filled in (the check runs before any lookup)."""
    parts = ["1" if part.startswith("{") else part for part in path.split("/")]
    return "/".join(parts)


@pytest.fixture(scope="module")
def document(django_db_blocker) -> dict:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()


def _send(client: Client, method: str, path: str, where: str, field: str, kind: str):  # type: ignore[no-untyped-def]
    in_json, in_query = INVALID[kind]
    if where == "query":
        return client.generic(method.upper(), f"{_url(path)}?{field}={in_query}")
    body = f'{{"{field}": "{in_json}"}}'
    return client.generic(method.upper(), _url(path), body, content_type="application/json")


@pytest.mark.parametrize("kind", sorted(INVALID))
def test_every_text_field_of_every_operation_refuses_invalid_text(api, personas, document, kind):
    client = api.as_(personas.manager)
    fields = _text_fields(document)
    assert len(fields) > 30  # the walk found the API's text fields
    answered = {}
    for method, path, where, field in fields:
        if where == "query" and kind == "surrogate":
            continue
        response = _send(client, method, path, where, field, kind)
        answered[f"{method.upper()} {path} {field}"] = (
            response.status_code,
            field in response.json().get("errors", {}),
        )
    assert {k: v for k, v in answered.items() if v != (422, True)} == {}


def test_a_ticket_with_a_nul_in_its_subject_is_refused_and_not_stored(api, personas):
    before = Ticket.objects.count()
    body = '{"subject": "Checkout\\u0000down", "body": "502 everywhere"}'
    response = api.as_(personas.alice).post(
        "/api/v1/tickets", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL" in response.json()["errors"]["subject"][0]
    assert Ticket.objects.count() == before


def test_a_surrogate_in_a_routing_rule_is_refused_and_the_rules_page_still_opens(
    api, personas, login
):
    queue = Queue.objects.first()
    assert queue is not None
    body = json.dumps({"name": "Poison", "products": ["\ud800"], "queue": queue.pk})
    assert '"\\ud800"' in body  # sent as JSON sends it
    response = api.as_(personas.manager).post(
        "/api/v1/routing-rules", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert "Unicode" in response.json()["errors"]["products.0"][0]
    assert not RoutingRule.objects.filter(name="Poison").exists()
    assert login(personas.tier1).get("/desk/routing/rules").status_code == 200

"""Every number and string a client sends has its bounds in the OpenAPI document, so a
client (and the fuzzer) knows them, and no value past a database's range reaches a query."""

import pytest
from django.test import Client

MAX_INT64 = 2**63 - 1


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _unbounded(document: dict, schema: dict, where: str) -> list[str]:
    """Every integer without a 64-bit maximum and every free string without a maxLength."""
    schema = _resolve(document, schema)
    found: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        options = schema.get(key, [])
        # A decimal is a number or its string form; the number carries the bounds.
        decimal = any(option.get("type") == "number" for option in options)
        for i, option in enumerate(options):
            if not (decimal and option.get("type") == "string"):
                found += _unbounded(document, option, f"{where}[{i}]")
    kind = schema.get("type")
    if kind == "number" and not ("maximum" in schema or "exclusiveMaximum" in schema):
        found.append(where)
    if kind == "integer" and not (
        schema.get("maximum", MAX_INT64 + 1) <= MAX_INT64
        and schema.get("minimum", -MAX_INT64 - 2) >= -MAX_INT64 - 1
    ):
        found.append(where)
    bounded_by_form = {"enum", "format", "const"} & schema.keys()  # choices, dates
    if kind == "string" and not bounded_by_form and "maxLength" not in schema:
        found.append(where)
    if kind == "array":
        found += _unbounded(document, schema.get("items", {}), f"{where}[]")
    for name, prop in schema.get("properties", {}).items():
        found += _unbounded(document, prop, f"{where}.{name}")
    return found


def _inputs(document: dict) -> list[tuple[str, dict]]:
    inputs = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                inputs.append((f"{label} {parameter['name']}", parameter["schema"]))
            for media in operation.get("requestBody", {}).get("content", {}).values():
                inputs.append((f"{label} body", media["schema"]))
    return inputs


@pytest.fixture
def document(db: None) -> dict:
    return Client().get("/api/v1/openapi.json").json()


def test_every_number_and_string_a_client_sends_is_bounded(document):
    unbounded = [
        u for where, schema in _inputs(document) for u in _unbounded(document, schema, where)
    ]
    assert unbounded == []


def test_ids_in_paths_stop_at_the_64_bit_range(document):
    parameter = document["paths"]["/api/v1/tickets/{ticket_id}"]["get"]["parameters"][0]
    assert parameter["schema"]["minimum"] == 1 and parameter["schema"]["maximum"] == MAX_INT64

"""Every string a request sends the API is checked here, before any schema sees it."""

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from charterdesk.core.validators import invalid_strings


def _refuse_invalid_text(data: Any, source: str) -> None:
    errors = [
        {"loc": (source, *path), "msg": reason, "type": "invalid_text"}
        for path, reason in invalid_strings(data)
    ]
    if errors:
        raise NinjaValidationError(errors)


class CheckedParser(Parser):
    """JSON bodies and query strings with NUL or invalid Unicode answer 422, naming the field."""

    def parse_body(self, request: HttpRequest) -> Any:
        # ninja answers 400 for anything raised here; problems.py answers 422 with the
        # fields when the cause is a NinjaValidationError.
        data = json.loads(request.body)
        _refuse_invalid_text(data, "body")
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        result = super().parse_querydict(data, list_fields, request)
        _refuse_invalid_text(result, "query")
        return result

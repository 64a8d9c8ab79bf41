import re

from django.core.exceptions import ValidationError
from django.db import models

from charterdesk.core.validators import check_text

MAX_BODY_BYTES = 1_000_000
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?")


def check_subject(subject: str) -> str:
    subject = check_text(subject, "subject").strip()
    if not subject:
        raise ValidationError({"subject": "Write a subject (1 to 250 characters)."})
    if len(subject) > 250:
        raise ValidationError({"subject": "The subject is longer than 250 characters."})
    return subject


def check_body(body: str) -> str:
    check_text(body, "body")
    if not body.strip():
        raise ValidationError({"body": "Write a message."})
    if len(body.encode()) > MAX_BODY_BYTES:
        raise ValidationError({"body": "The message is larger than 1 MB; attach files instead."})
    return body


def check_choice(field: str, value: str, choices: type[models.TextChoices]) -> str:
    if value not in choices.values:
        raise ValidationError({field: f"Use one of: {', '.join(choices.values)}."})
    return value


def check_product(product: str) -> str:
    product = check_text(product, "product").strip()
    if len(product) > 100:
        raise ValidationError({"product": "The product name is longer than 100 characters."})
    return product


def check_language(language: str) -> str:
    """A language tag such as 'en' or 'pt-BR' (compared without case by routing)."""
    language = language.strip()
    if language and not LANGUAGE_TAG.fullmatch(language):
        raise ValidationError({"language": "Give a language tag such as 'en', 'de' or 'pt-BR'."})
    return language.lower()

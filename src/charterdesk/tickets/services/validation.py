from django.core.exceptions import ValidationError

from charterdesk.core.vocabulary import Priority, RequestType

MAX_BODY_BYTES = 1_000_000


def check_subject(subject: str) -> str:
    subject = subject.strip()
    if not subject:
        raise ValidationError({"subject": "Write a subject (1 to 250 characters)."})
    if len(subject) > 250:
        raise ValidationError({"subject": "The subject is longer than 250 characters."})
    return subject


def check_body(body: str) -> str:
    if not body.strip():
        raise ValidationError({"body": "Write a message."})
    if len(body.encode()) > MAX_BODY_BYTES:
        raise ValidationError({"body": "The message is larger than 1 MB; attach files instead."})
    return body


def check_choice(field: str, value: str, choices: type[RequestType] | type[Priority]) -> str:
    if value not in choices.values:
        raise ValidationError({field: f"Use one of: {', '.join(choices.values)}."})
    return value

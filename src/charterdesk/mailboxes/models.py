"""IMAP mailboxes that the scheduler polls for inbound mail."""

import ipaddress
import os
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from charterdesk.core.checked import CheckedModel, choices_check
from charterdesk.plans.models import PlanStatus

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# A host name (labels of letters, digits, hyphens) or an IPv4/IPv6 address.
_HOST = re.compile(
    r"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


def host_validator(value: str) -> None:
    try:
        ipaddress.ip_address(value)
        return
    except ValueError:
        pass
    if not _HOST.match(value):
        raise ValidationError("Write the server's name, e.g. imap.example.com, or its address.")


class TlsMode(models.TextChoices):
    IMAPS = "imaps", "IMAPS (TLS from the start, port 993)"
    STARTTLS = "starttls", "STARTTLS (port 143, upgraded to TLS)"
    PLAIN = "plain", "No encryption (only for a server on this machine)"


class AfterStoring(models.TextChoices):
    MARK_SEEN = "mark_seen", "Mark as read and leave it"
    MOVE = "move", "Move to another folder"
    DELETE = "delete", "Delete it"


class Mailbox(CheckedModel):
    """An IMAP folder CharterDesk reads. A message is marked, moved or deleted only after
    it was stored; `last_uid` remembers how far the desk got in the current UIDVALIDITY."""

    name = models.SlugField(max_length=60, unique=True)
    host = models.CharField(max_length=255, validators=[host_validator])
    port = models.PositiveIntegerField(
        default=993,
        validators=[
            MinValueValidator(1, "A port is a number from 1 to 65535."),
            MaxValueValidator(65535, "A port is a number from 1 to 65535."),
        ],
    )
    tls = models.CharField(max_length=10, choices=TlsMode.choices, default=TlsMode.IMAPS)
    username = models.CharField(max_length=255)
    password = models.CharField(
        max_length=255, blank=True, help_text="Stored in the database; or use an environment name."
    )
    password_env = models.CharField(
        max_length=100,
        blank=True,
        help_text="Read the password from this environment variable (or the file named by "
        "<NAME>_FILE) instead of the database.",
    )
    folder = models.CharField(max_length=255, default="INBOX")
    after_storing = models.CharField(
        max_length=10, choices=AfterStoring.choices, default=AfterStoring.MARK_SEEN
    )
    move_to = models.CharField(max_length=255, blank=True, help_text="Folder for 'move'.")
    enabled = models.BooleanField(default=True)
    queue = models.ForeignKey(
        "routing.Queue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailboxes",
        help_text="New requests from this mailbox wait in this queue; empty: the routing "
        "rules decide.",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailboxes",
        help_text="The plan routing rules see for a sender whose organization has no "
        "active contract.",
    )

    uidvalidity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    failures = models.PositiveIntegerField(default=0, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    failing_uid = models.BigIntegerField(default=0, editable=False)
    failing_rounds = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="Rounds in a row in which failing_uid failed."
    )
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "mailboxes"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(port__gte=1, port__lte=65535), name="mailbox_port_1_to_65535"
            ),
            choices_check("tls", TlsMode, "mailbox_tls_valid"),
            choices_check("after_storing", AfterStoring, "mailbox_after_storing_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.tls == TlsMode.PLAIN and self.host not in LOCAL_HOSTS:
            raise ValidationError({"tls": "Without encryption only a server on this machine."})
        if self.after_storing == AfterStoring.MOVE and not self.move_to:
            raise ValidationError({"move_to": "Name the folder to move messages to."})
        if not self.password and not self.password_env:
            raise ValidationError({"password": "Give a password or an environment name."})
        if self.plan is not None and self.plan.status != PlanStatus.PUBLISHED:
            raise ValidationError({"plan": "Choose a published plan; this one is a draft."})

    def secret(self) -> str:
        """The password: from NAME_FILE or NAME when `password_env` is set, else stored."""
        if not self.password_env:
            return self.password
        path = os.environ.get(f"{self.password_env}_FILE")
        if path:
            return Path(path).read_text().strip()
        return os.environ.get(self.password_env, "")

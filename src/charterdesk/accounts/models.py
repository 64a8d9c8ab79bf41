import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from charterdesk.core import config_cache

from .records import Invitation, PasswordResetRequest, SignInSession
from .roles import AGENT, CUSTOMER, STAFF_ROLES, Perm, Role, permissions_of

__all__ = [
    "STAFF_ROLES",
    "ApiToken",
    "Invitation",
    "PasswordResetRequest",
    "Role",
    "Scope",
    "SignInSession",
    "User",
]

# What a token without the `admin` scope may still do: what any agent or customer may.
UNPRIVILEGED = CUSTOMER | AGENT


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.update(role=Role.ADMIN, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who signs in: customer contacts, agents, managers and administrators."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CUSTOMER)
    tier = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "The tier is 1, 2 or 3 (engineering)."),
            MaxValueValidator(3, "The tier is 1, 2 or 3 (engineering)."),
        ],
        help_text="Support tier of an agent: 1, 2 or 3 (engineering).",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    # Set by the API's bearer auth for one request: the scopes of the token used.
    token_scopes: frozenset[str] | None = None

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tier__isnull=True) | models.Q(tier__gte=1, tier__lte=3),
                name="user_tier_1_to_3",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email

    @classmethod
    def normalize_username(cls, username: str) -> str:
        """Addresses are one account whatever their case (forms clean with this)."""
        return super().normalize_username(username).strip().lower()

    @property
    def is_staff(self) -> bool:
        """May use the Django admin (/admin/): administrators and operators."""
        return self.has_perm(Perm.USE_ADMIN_SITE)

    @property
    def is_agent(self) -> bool:
        """Staff who work tickets: agents, team leads, managers and administrators."""
        return self.role in STAFF_ROLES

    @property
    def is_customer(self) -> bool:
        return self.role == Role.CUSTOMER

    def get_all_permissions(self, obj: object = None) -> set[str]:
        """What this user may do now: the role's permissions (accounts/roles.py), none when
        inactive, and through a token without the `admin` scope only what any agent or
        customer may."""
        if not self.is_active:
            return set()
        granted = permissions_of(self.role)
        if self.token_scopes is not None and Scope.ADMIN not in self.token_scopes:
            granted = granted & UNPRIVILEGED
        return set(granted)

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return perm in self.get_all_permissions(obj)

    def has_perms(self, perm_list: Iterable[str], obj: object = None) -> bool:
        granted = self.get_all_permissions(obj)
        return all(perm in granted for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions())


def digest_of(token: str) -> str:
    """What is stored of a token: its SHA-256, in hexadecimal."""
    return hashlib.sha256(token.encode()).hexdigest()


class Scope(models.TextChoices):
    READ = "read", "Read: GET requests"
    WRITE = "write", "Write: create and change (POST, PUT, PATCH, DELETE)"
    ADMIN = "admin", "Admin: what only managers and administrators may do"


# The scope a role needs to hold each token scope (accounts/roles.py grants them).
SCOPE_PERMISSION = {
    Scope.READ: Perm.API_READ,
    Scope.WRITE: Perm.API_WRITE,
    Scope.ADMIN: Perm.API_ADMIN,
}


class TokenState(models.TextChoices):
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


def _scope_error(unknown: list[str], refused: list[str]) -> str:
    if unknown:
        return f"Unknown scope {', '.join(unknown)}: use read, write or admin."
    if refused:
        return f"Your role cannot hold the {', '.join(refused)} scope."
    return ""


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, help_text="Shown to identify the token.")
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(
        default=list, help_text="Any of read, write, admin: what requests the token may make."
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Refused from this time on; empty: never expires."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(
        cls,
        user: User,
        name: str = "",
        *,
        scopes: Iterable[str] = (Scope.READ, Scope.WRITE),
        expires_at: datetime | None = None,
    ) -> tuple["ApiToken", str]:
        """Create a token; the plain text is returned once and never stored. A scope the
        user's role does not hold (a customer asking for `admin`) is refused."""
        wanted = set(scopes)
        unknown = sorted(wanted - set(Scope.values))
        refused = [s.value for s in Scope if s in wanted and not user.has_perm(SCOPE_PERMISSION[s])]
        if unknown or refused or not wanted:
            raise ValidationError(
                {"scopes": _scope_error(unknown, refused) or "Choose at least one scope."}
            )
        allowed = [s.value for s in Scope if s in wanted]
        prefix = secrets.token_hex(4)
        plain = f"cd_{prefix}_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            digest=digest_of(plain),
            scopes=allowed,
            expires_at=expires_at,
        )
        return token, plain

    @classmethod
    def find(cls, plain: str) -> "ApiToken | None":
        """The token, its user and contact; with the generations of the configuration and
        of people selected in the same statement (`config_generation`,
        `people_generation`, see core.config_cache)."""
        return cls.by_digest(digest_of(plain)).first()

    @classmethod
    def by_digest(cls, digest: str) -> "models.QuerySet[ApiToken]":
        """`find`'s statement, for the token whose digest is `digest` (at most one)."""
        return (
            cls.objects.select_related("user__contact__organization")
            .annotate(
                config_generation=config_cache.generation_column(),
                people_generation=config_cache.generation_column(config_cache.PEOPLE),
            )
            .filter(digest=digest, user__is_active=True)
            .order_by()
        )

    def state(self, now: datetime | None = None) -> TokenState:
        if self.revoked_at is not None:
            return TokenState.REVOKED
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return TokenState.EXPIRED
        return TokenState.ACTIVE

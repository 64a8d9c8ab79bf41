import hashlib
import secrets
from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

from .records import Invitation, SignInSession

__all__ = ["STAFF_ROLES", "ApiToken", "Invitation", "Role", "SignInSession", "User"]


class Role(models.TextChoices):
    CUSTOMER = "customer", "Customer contact"
    AGENT = "agent", "Agent"
    MANAGER = "manager", "Support manager"
    ADMIN = "admin", "Administrator"


STAFF_ROLES = (Role.AGENT, Role.MANAGER, Role.ADMIN)


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
        null=True, blank=True, help_text="Support tier of an agent: 1, 2 or 3 (engineering)."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    @classmethod
    def normalize_username(cls, username: str) -> str:
        """Addresses are one account whatever their case (forms clean with this)."""
        return super().normalize_username(username).strip().lower()

    @property
    def is_staff(self) -> bool:
        """Managers and administrators may use the admin site (plans, calendars, teams)."""
        return self.role in (Role.MANAGER, Role.ADMIN)

    @property
    def is_agent(self) -> bool:
        """Staff who work tickets: agents, managers and administrators."""
        return self.role in STAFF_ROLES

    @property
    def is_customer(self) -> bool:
        return self.role == Role.CUSTOMER

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        return (self.is_active and self.is_staff) or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return (self.is_active and self.is_staff) or super().has_module_perms(app_label)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, help_text="Shown to identify the token.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user: User, name: str = "") -> tuple["ApiToken", str]:
        """Create a token; the plain text is returned once and never stored."""
        prefix = secrets.token_hex(4)
        plain = f"cd_{prefix}_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(user=user, name=name, prefix=prefix, digest=_digest(plain))
        return token, plain

    @classmethod
    def find(cls, plain: str) -> "ApiToken | None":
        return (
            cls.objects.select_related("user__contact__organization")
            .filter(digest=_digest(plain), user__is_active=True)
            .first()
        )

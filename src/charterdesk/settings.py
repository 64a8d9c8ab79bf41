"""Settings from environment variables, with safe defaults for the embedded mode.

Embedded default: SQLite in ./var, the in-process database task queue, mail to files.
Scale out: set DATABASE_URL to PostgreSQL and run `charterdesk web`, `worker` and
`scheduler` as separate processes on as many machines as you like.
"""

import os
from pathlib import Path

import environ

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.str("CHARTERDESK_DATA_DIR", default=str(Path.cwd() / "var")))


def _secret(name: str, default: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes style)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return env.str(name, default=default)


DEBUG = env.bool("DEBUG", default=False)


def _embedded_secret_key() -> str:
    """The embedded default keeps a random per-installation key in the data folder."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        from django.utils.crypto import get_random_string

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_string(64))
        path.chmod(0o600)
    return path.read_text().strip()


# Production deployments set SECRET_KEY or SECRET_KEY_FILE.
SECRET_KEY = _secret("SECRET_KEY", default="") or _embedded_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Where customers go instead of a request that is not covered or whose estimate they
# declined; an alternative without an address is named without a link.
SUPPORT_ALTERNATIVE_LINKS = {
    "knowledge_base": env.str("KNOWLEDGE_BASE_URL", default=""),
    "community": env.str("COMMUNITY_URL", default=""),
    "partner": env.str("PARTNERS_URL", default=""),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    # CharterDesk's apps in the order of their layers, lowest first (docs/architecture.md):
    # hook handlers register, and so run, in this order.
    "charterdesk.core",
    "charterdesk.accounts",
    "charterdesk.customers",
    "charterdesk.plans",
    "charterdesk.tickets",
    "charterdesk.mail",
    "charterdesk.sla",
    "charterdesk.routing",
    "charterdesk.hours",
    "charterdesk.swarms",
    "charterdesk.commitments",
    "charterdesk.satisfaction",
    "charterdesk.escalations",
    "charterdesk.estimates",
    "charterdesk.statements",
    "charterdesk.intake",
    "charterdesk.mailboxes",
    "charterdesk.portal",
    "charterdesk.desk",
    "charterdesk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "charterdesk.core.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "charterdesk.urls"
WSGI_APPLICATION = "charterdesk.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    url = env.str("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'charterdesk.sqlite3'}")
    config = env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["ENGINE"] = "charterdesk.core.sqlite"  # queues writers; see core/sqlite/base.py
        config["OPTIONS"] = {
            # WAL lets readers work while one writer writes; IMMEDIATE takes the write
            # lock at BEGIN so concurrent writers queue on the busy timeout instead of
            # failing with "database is locked" when a read transaction upgrades.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=30),
        }
    # Keep connections between requests (SQLite: skips re-opening and the PRAGMAs).
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    config["CONN_HEALTH_CHECKS"] = True
    config["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default=None)}
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # `charterdesk web` collects static files here
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True); the embedded default writes
# every outgoing mail as a file in var/mail so `make run` shows what would be sent.
if "EMAIL_URL" in os.environ:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="support@charterdesk.example")
# The support address customers write to; replies go to support+<ticket token>@ its domain.
MAIL_SUPPORT_ADDRESS = env.str("MAIL_SUPPORT_ADDRESS", default=DEFAULT_FROM_EMAIL)
MAIL_FROM_NAME = env.str("MAIL_FROM_NAME", default="CharterDesk Support")
# Domains the SMTP gateway accepts mail for (default: the support address's domain).
MAIL_ACCEPT_DOMAINS = env.list(
    "MAIL_ACCEPT_DOMAINS", default=[MAIL_SUPPORT_ADDRESS.rpartition("@")[2]]
)
# Mail from unknown senders: "triage" (new contact, ticket in the triage queue) or "reject"
# (a polite automatic answer, the message kept and listed).
MAIL_UNKNOWN_SENDERS = env.str("MAIL_UNKNOWN_SENDERS", default="triage")
MAIL_TRIAGE_QUEUE = env.str("MAIL_TRIAGE_QUEUE", default="Triage")
MAIL_MAX_ATTACHMENT_BYTES = env.int("MAIL_MAX_ATTACHMENT_BYTES", default=25 * 1024 * 1024)
MAIL_AUTOMATIC_PER_HOUR = env.int("MAIL_AUTOMATIC_PER_HOUR", default=5)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Tickets: how long a solved ticket stays re-openable before the scheduler closes it.
CLOSE_SOLVED_AFTER_DAYS = env.int("CLOSE_SOLVED_AFTER_DAYS", default=7)
API_PAGE_MAX = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

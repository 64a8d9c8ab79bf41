"""Settings from environment variables, with safe defaults for the embedded mode.

Embedded default: SQLite in ./var, the in-process database task queue, mail to files.
Scale out: set DATABASE_URL to PostgreSQL and run `charterdesk web`, `worker` and
`scheduler` as separate processes on as many machines as you like.
"""

import os
from datetime import timedelta
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
# Links in mail; without SITE_URL they point at the port `charterdesk serve` listens on.
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.str('PORT', default='8000')}")
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # CharterDesk's apps in the order of their layers, lowest first (docs/architecture.md):
    # hook handlers register, and so run, in this order.
    "charterdesk.core",
    "charterdesk.accounts",
    "charterdesk.customers",
    "charterdesk.plans",
    "charterdesk.products",
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
    "charterdesk.search",
    "charterdesk.knowledge",
    "charterdesk.incidents",
    "charterdesk.intake",
    "charterdesk.mailboxes",
    "charterdesk.configuration",
    "charterdesk.learning",
    "charterdesk.workspace",
    "charterdesk.insights",
    "charterdesk.triage",
    "charterdesk.forecasting",
    "charterdesk.success",
    "charterdesk.community",
    "charterdesk.status",
    "charterdesk.portal",
    "charterdesk.desk",
    "charterdesk.manage",
    "charterdesk.widget",
    "charterdesk.demo",
    "ninja",  # serves the API docs page's Swagger UI from the package, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A view that loses the database answers 503 with Retry-After (core/outage.py).
    "charterdesk.core.outage.DatabaseOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Who changes a setting: the audit log (core/audit.py) reads it from the request.
    "charterdesk.core.audit.AuditActorMiddleware",
    "charterdesk.accounts.sessions.SignInSessionMiddleware",
    "charterdesk.accounts.two_factor.TwoFactorMiddleware",
    "charterdesk.customers.time_zones.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "charterdesk.core.middleware.RefuseInvalidInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "charterdesk.core.idempotency.IdempotencyMiddleware",
    # Last: turns a refused sign-in into the "signing in is paused" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "charterdesk.urls"
WSGI_APPLICATION = "charterdesk.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # First: refuses any attempt while the account or the client address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "charterdesk.accounts.signin.EmailBackend",
]

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
            # `date` written with its format read once per process (core/dates.py, #13)
            "builtins": ["charterdesk.core.templatetags.dates"],
        },
    },
]
# Django's renderer, with its common widget templates drawn in Python (the same markup; a
# page of many forms, the ticket page, spent a quarter of its time in them: issue #13).
FORM_RENDERER = "charterdesk.core.form_renderer.FastRenderer"


def _postgresql_options() -> dict:
    """Prepared statements (on by default): psycopg binds parameters on the server and,
    from a statement's fifth run on a connection, prepares it, so PostgreSQL plans it
    once instead of every time (the ticket page's planning was 4x its execution: issue
    #13). DATABASE_PREPARED_STATEMENTS=false turns them off, for PgBouncer in transaction
    mode before 1.21 (or without `max_prepared_statements`): a prepared statement lives on
    one server connection, which the pooler hands to another client. See docs/install.md."""
    if not env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        return {}
    return {"server_side_binding": True, "prepare_threshold": 5}


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
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Checks a kept connection before each request without a round trip to the server.
        config["ENGINE"] = "charterdesk.core.postgresql"
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **_postgresql_options()}
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

# Cookies are sent only over HTTPS whenever the site is served over HTTPS (SECURE_COOKIES
# overrides, e.g. for a test behind a TLS-terminating proxy).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=SITE_URL.startswith("https://"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Accounts (docs/security.md#accounts). Sign-in is paused for an account, and separately
# for a client address, after SIGNIN_FAILURE_LIMIT failed passwords; it resumes by itself
# after SIGNIN_LOCKOUT_MINUTES, or at once for an account whose password is reset by mail.
AXES_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGNIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "charterdesk.accounts.signin.attempted_email"
AXES_CLIENT_IP_CALLABLE = "charterdesk.accounts.signin.client_address"
AXES_LOCKOUT_CALLABLE = "charterdesk.accounts.signin.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind N reverse proxies that append to X-Forwarded-For, the client is the Nth address
# from the right; 0 (the default) trusts no header and uses the connection's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Invitations (customer contacts and agents) stay valid this many days.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_MINUTES", default=60) * 60
# Reset mails asked for one address, and from one client address, in an hour; past that
# the page answers the same and no mail leaves (accounts/reset_throttle.py).
PASSWORD_RESET_MAILS_PER_ADDRESS = env.int("PASSWORD_RESET_MAILS_PER_ADDRESS", default=3)
PASSWORD_RESET_MAILS_PER_CLIENT = env.int("PASSWORD_RESET_MAILS_PER_CLIENT", default=10)
# Staff (agents, managers, administrators) must set up two-factor authentication before
# they use the desk.
REQUIRE_2FA_FOR_STAFF = env.bool("REQUIRE_2FA_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="CharterDesk")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Tickets: how long a solved ticket stays re-openable before the scheduler closes it.
CLOSE_SOLVED_AFTER_DAYS = env.int("CLOSE_SOLVED_AFTER_DAYS", default=7)
API_PAGE_MAX = 100

# Outgoing webhooks (docs/incidents.md): deliveries to loopback, private and link-local
# addresses are refused (SSRF) unless this is on; an endpoint failing this many deliveries
# in a row is turned off and the managers are told.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=False)
WEBHOOKS_DISABLE_AFTER = env.int("WEBHOOKS_DISABLE_AFTER", default=10)
WEBHOOKS_TIMEOUT_SECONDS = env.int("WEBHOOKS_TIMEOUT_SECONDS", default=10)

# Search: "similar documents" (article suggestions) fuse full-text ranking with semantic
# similarity from a small embedding model shipped in the wordllama package (docs/search.md).
# Off: full-text ranking only, no vectors written, the model never loaded.
SEARCH_SEMANTIC = env.bool("SEARCH_SEMANTIC", default=True)

# Insights (docs/insights.md): whether agents must record a root cause to solve a ticket.
ROOT_CAUSE_REQUIRED = env.bool("ROOT_CAUSE_REQUIRED", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Help widget: files visitors without a token may send in an hour (requests and replies),
# from one client address and through one widget key; past that, 429 with Retry-After.
WIDGET_VISITOR_FILES_PER_ADDRESS = env.int("WIDGET_VISITOR_FILES_PER_ADDRESS", default=20)
WIDGET_VISITOR_FILES_PER_KEY = env.int("WIDGET_VISITOR_FILES_PER_KEY", default=200)

# Community forum (docs/community.md): flags that hide a post pending review, public
# sign-up, the first posts of new members held for a moderator, posts per member per hour,
# and the trust-level thresholds ("replies,accepted answers,likes received" per level).
COMMUNITY_FLAGS_TO_HIDE = env.int("COMMUNITY_FLAGS_TO_HIDE", default=3)
COMMUNITY_PUBLIC_SIGNUP = env.bool("COMMUNITY_PUBLIC_SIGNUP", default=False)
COMMUNITY_PREMODERATE_FIRST_POSTS = env.int("COMMUNITY_PREMODERATE_FIRST_POSTS", default=1)
COMMUNITY_POSTS_PER_HOUR = env.int("COMMUNITY_POSTS_PER_HOUR", default=20)
COMMUNITY_VOTES_PER_HOUR = env.int("COMMUNITY_VOTES_PER_HOUR", default=60)
COMMUNITY_FLAGS_PER_HOUR = env.int("COMMUNITY_FLAGS_PER_HOUR", default=10)
# Files on forum posts: at most this many per post, of these types (sniffed from the
# bytes), each within MAIL_MAX_ATTACHMENT_BYTES and COMMUNITY_ATTACHMENT_MAX_BYTES.
COMMUNITY_ATTACHMENTS_PER_POST = env.int("COMMUNITY_ATTACHMENTS_PER_POST", default=5)
COMMUNITY_ATTACHMENT_MAX_BYTES = env.int("COMMUNITY_ATTACHMENT_MAX_BYTES", default=5 * 1024 * 1024)
COMMUNITY_ATTACHMENT_TYPES = env.list(
    "COMMUNITY_ATTACHMENT_TYPES",
    default=["image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain",
             "text/csv", "application/zip", "application/json"],
)  # fmt: skip
# posts, accepted answers, votes received, days visited, posts read (docs/community.md)
COMMUNITY_TRUST_BASIC = env.str("COMMUNITY_TRUST_BASIC", default="3,0,0,1,5")
COMMUNITY_TRUST_MEMBER = env.str("COMMUNITY_TRUST_MEMBER", default="10,1,5,5,50")
COMMUNITY_TRUST_LEADER = env.str("COMMUNITY_TRUST_LEADER", default="50,10,50,30,500")

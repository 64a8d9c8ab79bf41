"""Test settings: the real settings, with background tasks run at once and fast hashing."""

from charterdesk.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "charterdesk.core.sqlite":  # noqa: F405
    # A file, not memory: the live server's threads then open their own connections (as in
    # production) instead of sharing one, and the write queue's file lock is exercised.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"charterdesk-test-{os.getpid()}.sqlite3")  # noqa: F405
    }

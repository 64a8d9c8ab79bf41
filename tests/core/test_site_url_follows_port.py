"""Links in mail point at the running server: SITE_URL defaults to the PORT it serves on."""

import os
import subprocess
import sys
from pathlib import Path

import charterdesk

SRC = str(Path(charterdesk.__file__).resolve().parents[1])  # this checkout, not an installed copy


def _site_url(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "charterdesk.settings", "PYTHONPATH": SRC, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_mail_links_follow_port_when_site_url_is_not_set():
    assert _site_url(PORT="8123") == "http://127.0.0.1:8123"


def test_site_url_wins_over_port():
    assert _site_url(PORT="8123", SITE_URL="https://help.example.com") == (
        "https://help.example.com"
    )

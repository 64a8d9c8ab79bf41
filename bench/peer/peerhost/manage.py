"""The peer's host project: `python manage.py migrate` etc., run with the peer's venv."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhost.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterdesk.settings")
application = get_wsgi_application()

from charterdesk.core.serving import settle  # noqa: E402 - needs the apps loaded above

settle()  # the loaded application out of the garbage collector's way (core/serving.py)

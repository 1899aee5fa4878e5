"""WSGI entry point (gunicorn zwk.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
application = get_wsgi_application()

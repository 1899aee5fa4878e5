"""ASGI entry point (uvicorn zwk.asgi:application) for the live parts."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
application = get_asgi_application()

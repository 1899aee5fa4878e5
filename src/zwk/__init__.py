"""ZWK – Plattform für die Zukunftswerkstatt Kommunen."""

from zwk.celery import app as celery_app

__all__ = ["celery_app"]

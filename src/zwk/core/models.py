"""Abstract building blocks for the apps' models (no tables of their own)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Created(models.Model):
    """Who created a row and when. ``created_by`` becomes empty when the account is erased;
    the row itself stays (it belongs to the Kommune, not to the person)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Authored(Created):
    """``Created`` plus when the row was last changed."""

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

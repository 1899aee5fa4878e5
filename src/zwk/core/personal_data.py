"""Registry of personal data per app – the backbone of DSGVO export and erasure.

Every app that stores data about a person registers one provider in its
``AppConfig.ready()``; the privacy app (Art. 15/20 export, Art. 17 erasure, processing
register) only talks to this registry, so it never needs to know the other apps' models and
no app has to import ``zwk.privacy``::

    from zwk.core import personal_data

    personal_data.register(
        "workshops",
        label=_("Zukunftswerkstatt"),
        export=export_user,   # (user) -> JSON-serialisable dict or list
        erase=erase_user,     # (user) -> int: records deleted or anonymised
        purpose=_("Beteiligung an Zukunftswerkstätten"),  # for the processing register
        retention=_("12 Monate nach der Werkstatt"),
    )

``erase`` must leave no personal data of that user behind in the app's tables (delete or
replace with neutral values); content that belongs to a Kommune may stay, anonymised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], int]
    purpose: str = ""
    retention: str = ""


_providers: dict[str, Provider] = {}


def register(
    key: str,
    *,
    label: str,
    export: Callable[[Any], Any],
    erase: Callable[[Any], int],
    purpose: str = "",
    retention: str = "",
) -> None:
    """Register (or replace – ``ready()`` may run twice in tests) the provider of an app."""
    _providers[key] = Provider(key, label, export, erase, purpose, retention)


def providers() -> list[Provider]:
    """All registered providers, sorted by key so exports are stable."""
    return [_providers[key] for key in sorted(_providers)]

"""Helpers to build workshops in tests (through the services, as in production)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zwk.workshops import services


def make_workshop(municipality, *, by=None, code="", **fields):
    data = {
        "title": "Zukunftswerkstatt Musterdorf 2040",
        "question": "Wie wollen wir 2040 in Musterdorf leben?",
        "starts_at": timezone.now() - timedelta(hours=1),
        "place": "Bürgerhaus",
        "vote_budget": 5,
        "max_points_per_card": 2,
        "code": code,
        **fields,
    }
    return services.workshop_create(municipality=municipality, by=by, data=data)


def open_phase(workshop, kind="critique", by=None):
    phase = workshop.phases.get(kind=kind)
    return services.phase_open(phase=phase, by=by)


def join(workshop, name="Anna", **kwargs):
    return services.participant_join(workshop=workshop, pseudonym=name, consent=True, **kwargs)

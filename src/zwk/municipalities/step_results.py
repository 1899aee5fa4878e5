"""What a step must have produced before "abgeschlossen" is true (issue 16, item 3).

A step's status is set by hand; its results live in the apps of the later tiers (the
Kommunalprofil in ``profiles``, the Zukunftswerkstatt in ``workshops``, Werkstattplan and
Zwischenbilanz in ``plans``). This app sits below them and may not import them, so each app
registers a check for its step in ``AppConfig.ready``::

    step_results.register("workshop", _("eine abgeschlossene Zukunftswerkstatt"), has_finished)

``missing(municipality, kind)`` names what is not there yet; ``rules.step_close_refusal``
turns that into the question the step form asks before closing the step anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ResultCheck:
    kind: str  # step kind (process.STEPS)
    label: str  # what the step should have produced, as a noun phrase
    present: Callable  # (municipality) -> bool


_CHECKS: dict[tuple[str, str], ResultCheck] = {}


def register(kind: str, label, present: Callable) -> None:
    """Register (or replace – ``ready()`` may run twice in tests) one expected result."""
    _CHECKS[(kind, str(label))] = ResultCheck(kind, label, present)


def checks(kind: str) -> list[ResultCheck]:
    return [check for (k, _label), check in _CHECKS.items() if k == kind]


def missing(municipality, kind: str) -> list[str]:
    """The expected results of the step ``kind`` that the Kommune does not have yet."""
    return [str(check.label) for check in checks(kind) if not check.present(municipality)]


# --- the Kick-off's own results (this app stores them) -----------------------------------


def has_kickoff_team(municipality) -> bool:
    return municipality.kickoff_actors.exists()


def has_kickoff_goals(municipality) -> bool:
    agreement = getattr(municipality, "kickoff", None)
    return bool(agreement and agreement.goals.strip())

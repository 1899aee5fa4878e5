"""Plug-in points: a page of one app shows sections that apps above it contribute.

An app must not import the apps that build on it (layers), so the page names a slot and the
contributing app registers a provider in its ``AppConfig.ready``::

    from zwk.core import hooks
    hooks.slot(hooks.PROFILE_SECTIONS).register(render_section)   # contributing app
    hooks.slot(hooks.PROFILE_SECTIONS).render(municipality)        # the page's view

A provider takes the arguments the page passes and returns safe HTML, or "" when it has
nothing to show. Slots are created on first use and live for the process.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

# The slots the platform's pages offer (name → what the providers get).
PROFILE_SECTIONS = "profiles.sections"  # (municipality): profile page and its PDF report
WORKSPACE_SECTIONS = "municipalities.workspace"  # (request, municipality): a Kommune's start page
PARTICIPATE_SECTIONS = "participate.sections"  # (request): /mitmachen/ and the home page
STEP_SECTIONS = "municipalities.step"  # (request, step): a step page of a Kommune
# (plan, where, request=None): sections on the Werkstattplan's pages; ``where`` is "public"
# (public plan page), "versions" (version history) or "report" (council PDF)
PLAN_SECTIONS = "plans.sections"


class Slot:
    """An ordered set of providers of one place on a page."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.providers: list[Callable] = []

    def register(self, provider: Callable) -> None:
        if provider not in self.providers:  # ready() may run twice (tests, reloads)
            self.providers.append(provider)

    def render(self, *args, **kwargs) -> SafeString:
        return mark_safe("".join(str(p(*args, **kwargs) or "") for p in self.providers))


_SLOTS: dict[str, Slot] = {}


def slot(name: str) -> Slot:
    if name not in _SLOTS:
        _SLOTS[name] = Slot(name)
    return _SLOTS[name]


# --- Services an app above offers to the apps below it ----------------------------------------
#
# A slot collects sections for a page; a *service* is one implementation that an app below
# calls to write into an app above (e.g. a programme step hands a lesson to the toolbox). The
# offering app registers it in its ``AppConfig.ready``::
#
#     hooks.provide(hooks.BEST_PRACTICES, sharing.BestPractices())   # toolbox
#     hooks.service(hooks.BEST_PRACTICES).submit(...)                 # plans.review.lessons

# The toolbox's best-practice sharing (zwk.toolbox.sharing.BestPractices): submit, follow,
# withdraw, withdraw_unpublished.
BEST_PRACTICES = "toolbox.best_practices"
# The funding rounds (zwk.registration.rounds.FundingRounds): allows_budget(municipality, year).
FUNDING_ROUNDS = "registration.funding_rounds"

_SERVICES: dict[str, object] = {}


def provide(name: str, implementation: object) -> None:
    _SERVICES[name] = implementation


def service(name: str):
    try:
        return _SERVICES[name]
    except KeyError:
        raise LookupError(f"no app provides {name!r} (is it in INSTALLED_APPS?)") from None

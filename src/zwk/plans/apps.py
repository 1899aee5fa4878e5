from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Werkstattplan (step 4) and Zwischenbilanz (step 5): measures, goals, indicators, review."""

    name = "zwk.plans"
    label = "plans"
    verbose_name = _("Werkstattplan und Zwischenbilanz")

    def ready(self) -> None:
        from zwk.core import personal_data
        from zwk.plans import services
        from zwk.plans.selectors import personal_data_of

        personal_data.register(
            "plans",
            label=_("Werkstattplan"),
            export=personal_data_of,
            erase=services.personal_data_erase,
            purpose=_("Abstimmung und Beschluss des Werkstattplans (Kommentare, Beschlüsse)"),
            retention=_("solange der Werkstattplan der Kommune besteht; Kommentare anonymisiert"),
        )
        # Zwischenbilanz: who wrote a lesson learnt (zwk/plans/review/lessons.py).
        from zwk.plans.review import lessons

        personal_data.register(
            "plans_lessons",
            label=_("Zwischenbilanz – Erfahrungen"),
            export=lessons.personal_data_of,
            erase=lessons.personal_data_erase,
            purpose=_("Erfahrungen (Lessons learnt) aus der Zwischenbilanz der Kommune"),
            retention=_("solange der Werkstattplan der Kommune besteht; Verfasser wird gelöscht"),
        )
        # "abgeschlossen" for steps 4 and 5 needs a plan with measures and a review.
        from zwk.municipalities import step_results
        from zwk.plans.review.selectors import has_review
        from zwk.plans.selectors import has_plan_with_measures

        step_results.register("plan", _("ein Werkstattplan mit Maßnahmen"), has_plan_with_measures)
        step_results.register(
            "review",
            _("Erfahrungen oder Entscheidungen zur Verstetigung in der Zwischenbilanz"),
            has_review,
        )
        # "Maßnahmen des Werkstattplans einbeziehen" in the Kommunalprofil's scenario explorer
        from zwk.core import hooks
        from zwk.plans.effect_provider import PlanEffects
        from zwk.profiles.pages import PLAN_EFFECTS

        hooks.provide(PLAN_EFFECTS, PlanEffects())

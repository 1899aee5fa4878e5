from django.apps import AppConfig
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    """„Was aus Ihren Ideen wurde“: public trail from contribution to measure, followers."""

    name = "zwk.accountability"
    label = "accountability"
    verbose_name = _("Was aus Ihren Ideen wurde")

    def ready(self) -> None:
        from zwk.accountability import privacy, receivers, rules  # noqa: F401
        from zwk.accountability.sections import render_plan_link, render_review_section
        from zwk.core import hooks, personal_data

        receivers.connect()
        hooks.slot(REVIEW_SECTIONS).register(render_review_section)
        hooks.slot(hooks.PLAN_SECTIONS).register(render_plan_link)
        personal_data.register(
            "accountability",
            label=_("Was aus Ihren Ideen wurde"),
            export=privacy.export_user,
            erase=privacy.erase_user,
            purpose=_(
                "E-Mail an Personen, die einem Beitrag oder allen Beiträgen einer Kommune folgen"
            ),
            retention=format_lazy(
                _("bis zur Abmeldung; unbestätigte Adressen werden nach {days} Tagen gelöscht"),
                days=privacy.PENDING_DAYS,
            ),
        )


# The Zwischenbilanz page (zwk.plans.review) renders this slot with (plan); the name is
# spelled here and in plans.review.views (a string, so core/hooks.py need not change).
REVIEW_SECTIONS = "plans.review.sections"
